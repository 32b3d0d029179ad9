package io.switchboard.it;

import static io.switchboard.it.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.CallException;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.RequestException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.Ticket;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Xid;
import io.switchboard.server.SwitchboardServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's XA verbs against a real server and store, as an XAResource will use them: calls submitted in a branch
 * run only after commit, in order; rollback drops them; recover lists prepared branches; the server's refusals arrive
 * as exceptions carrying the protocol's codes; a ticket's result() before commit is an IllegalStateException.
 */
class XaClientTest {

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newSingleThreadExecutor();
    private final List<String> charged = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        handlers.shutdownNow();
    }

    private void publishBilling(SwitchboardClient publisher) {
        publisher.publish(
                PublishOptions.builder("billing").methods(List.of("charge")).build(),
                call -> {
                    String order = call.payloadAs(String.class);
                    charged.add(order);
                    return "charged " + order;
                },
                handlers);
    }

    private static Xid xid(String gtrid) {
        return Xid.of(4660, gtrid.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void twoPhaseCommitRunsTheCallsInOrderAndTheirTicketsResolve(TestStores stores) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().store(stores.fresh(dir)).build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                SwitchboardClient app = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            publishBilling(publisher);
            Xid xid = xid("order-1");
            Ticket first = app.xa().submit(xid, "billing", "charge", "a");
            Ticket second = app.xa().submit(xid, "billing", "charge", "b");
            Ticket third = app.xa().submit(xid, "billing", "charge", "c");
            assertThatThrownBy(() -> first.result(String.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has not committed");

            app.xa().prepare(xid);
            assertThat(app.xa().recover()).containsExactly(xid);
            assertThat(charged).isEmpty();

            app.xa().commit(xid, false);
            assertThat(third.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("charged c");
            assertThat(first.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("charged a");
            assertThat(app.tickets().fetch(second.id(), String.class, PATIENCE)).isEqualTo("charged b");
            assertThat(charged).containsExactly("a", "b", "c");
            assertThat(app.xa().recover()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void rollbackOnePhaseAndRefusalsCarryTheProtocolsCodes(TestStores stores) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().store(stores.fresh(dir)).build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                SwitchboardClient app = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            publishBilling(publisher);
            Xid rolledBack = xid("order-2");
            Ticket dropped = app.xa().submit(rolledBack, "billing", "charge", "never");
            app.xa().prepare(rolledBack);
            app.xa().rollback(rolledBack);
            CallException never = catchThrowableOfType(
                    CallException.class,
                    () -> app.tickets().fetch(dropped.id(), String.class, java.time.Duration.ZERO));
            assertThat(never.code()).isEqualTo(ResultCode.NO_SUCH_TICKET);

            Xid onePhase = xid("order-3");
            Ticket quick = app.xa().submit(onePhase, "billing", "charge", "d");
            RequestException notPrepared =
                    catchThrowableOfType(RequestException.class, () -> app.xa().commit(onePhase, false));
            assertThat(notPrepared.code()).isEqualTo(ErrorCode.XA_NOT_PREPARED);
            app.xa().commit(onePhase, true);
            assertThat(quick.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("charged d");

            RequestException unknown =
                    catchThrowableOfType(RequestException.class, () -> app.xa().prepare(xid("nobody")));
            assertThat(unknown.code()).isEqualTo(ErrorCode.XA_UNKNOWN_XID);
            CallException noSession = catchThrowableOfType(
                    CallException.class, () -> app.xa().submit(xid("order-4"), "nobody", "x", "e"));
            assertThat(noSession.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
            assertThat(charged).containsExactly("d");
        }
    }
}
