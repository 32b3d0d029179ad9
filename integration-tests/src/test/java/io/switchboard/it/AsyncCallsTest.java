package io.switchboard.it;

import static io.switchboard.it.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.CallException;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.Ticket;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Async calls against real stores (a SQLite file and PostgreSQL): submit, leave, fetch from another connection;
 * notifications and waiting fetches; unknown and expired tickets; and a server killed with SIGKILL between a
 * call's completion and the fetch.
 */
class AsyncCallsTest {

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    /** Released by the test: the "hold" method answers when it completes. */
    private final CompletableFuture<String> gate = new CompletableFuture<>();

    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        handlers.shutdownNow();
    }

    /** jobs.upper answers at once, jobs.hold when the gate opens, jobs.fail throws. */
    private void publishJobs(SwitchboardClient publisher) {
        publisher.publish(
                PublishOptions.builder("jobs")
                        .methods(List.of("upper", "hold", "fail"))
                        .build(),
                call -> {
                    runs.incrementAndGet();
                    return switch (call.method()) {
                        case "upper" -> call.payloadAs(String.class).toUpperCase(Locale.ROOT);
                        case "hold" -> gate.thenApply(s -> call.payloadAs(String.class) + s);
                        default -> throw new IllegalStateException("no luck today");
                    };
                },
                handlers);
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void theResultIsFetchedFromAnotherConnectionAfterTheCallerLeft(TestStores stores) {
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().store(stores.fresh(dir)).build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            publishJobs(publisher);
            String ticket;
            try (SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
                ticket = caller.tickets().submit("jobs", "hold", "a-").id();
                CallException pending = catchThrowableOfType(
                        CallException.class, () -> caller.tickets().fetch(ticket, String.class, Duration.ZERO));
                assertThat(pending.code()).isEqualTo(ResultCode.PENDING);
            }
            gate.complete("done");
            try (SwitchboardClient fetcher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
                // The outcome was stored in the caller's CBOR; this connection speaks JSON.
                assertThat(fetcher.tickets().fetch(ticket, String.class, PATIENCE))
                        .isEqualTo("a-done");
                assertThat(fetcher.tickets().fetch(ticket, String.class, Duration.ZERO))
                        .as("fetched again")
                        .isEqualTo("a-done");
            }
            assertThat(runs).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void aConnectedCallerIsNotifiedAndAWaitingFetchEndsWithTheCall(TestStores stores) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().store(stores.fresh(dir)).build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.SMILE);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                SwitchboardClient fetcher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            publishJobs(publisher);
            Ticket quick = caller.tickets().submit("jobs", "upper", "hi");
            assertThat(quick.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("HI");
            assertThat(fetcher.tickets().fetch(quick.id(), String.class, Duration.ZERO))
                    .isEqualTo("HI");

            Ticket held = caller.tickets().submit("jobs", "hold", "b-");
            CompletableFuture<String> waiting = fetcher.tickets().fetchAsync(held.id(), String.class, PATIENCE);
            Fixtures.await("the hold call reached the publisher", () -> runs.get() == 2);
            assertThat(waiting).isNotDone();
            gate.complete("late");
            assertThat(waiting.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("b-late");
            assertThat(held.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("b-late");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void refusalsFailuresAndUnknownTicketsHaveClearCodes(TestStores stores) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().store(stores.fresh(dir)).build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            publishJobs(publisher);
            assertThat(catchThrowableOfType(
                                    CallException.class, () -> caller.tickets().submit("nobody", "x", 1))
                            .code())
                    .isEqualTo(ResultCode.NO_SUCH_SESSION);
            assertThat(catchThrowableOfType(
                                    CallException.class, () -> caller.tickets().submit("jobs", "nope", 1))
                            .code())
                    .isEqualTo(ResultCode.UNKNOWN_METHOD);
            assertThat(catchThrowableOfType(
                                    CallException.class,
                                    () -> caller.tickets().fetch("never-issued", String.class, Duration.ofMillis(50)))
                            .code())
                    .isEqualTo(ResultCode.NO_SUCH_TICKET);

            Ticket failing = caller.tickets().submit("jobs", "fail", 1);
            ExecutionException notified = catchThrowableOfType(
                    ExecutionException.class,
                    () -> failing.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(((CallException) notified.getCause()).code()).isEqualTo(ResultCode.HANDLER_ERROR);
            CallException fetched = catchThrowableOfType(
                    CallException.class, () -> caller.tickets().fetch(failing.id(), String.class, Duration.ZERO));
            assertThat(fetched.code()).isEqualTo(ResultCode.HANDLER_ERROR);
            assertThat(fetched.getMessage()).contains("no luck today");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void anExpiredOutcomeIsRefusedAsNoSuchTicket(TestStores stores) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                        .store(stores.fresh(dir))
                        .ticketExpiryMs(300)
                        .build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            publishJobs(publisher);
            Ticket ticket = caller.tickets().submit("jobs", "upper", "x");
            assertThat(ticket.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("X");
            Fixtures.await("the outcome expired", () -> {
                try {
                    caller.tickets().fetch(ticket.id(), String.class, Duration.ZERO);
                    return false;
                } catch (CallException e) {
                    assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_TICKET);
                    return true;
                }
            });
        }
    }

    /**
     * Test point 2 across a crash: the outcome of a completed call is fetched from a new server on the same store
     * after SIGKILL; a call still in flight at the kill ends publisher-lost on the new server.
     */
    @ParameterizedTest
    @EnumSource(TestStores.class)
    void theOutcomeSurvivesAServerKilledBetweenCompletionAndFetch(TestStores stores) throws Exception {
        StoreSettings store = stores.fresh(dir);
        String done;
        String inFlight;
        try (ChildJvm first = ChildJvm.start(StoreServerMain.class, TestStores.args(store))) {
            String url = "tcp://127.0.0.1:" + first.awaitLine("READY ").substring("READY ".length());
            SwitchboardClient publisher = Fixtures.client(url, Codec.JSON);
            SwitchboardClient caller = Fixtures.client(url, Codec.CBOR);
            try {
                publishJobs(publisher);
                Ticket ticket = caller.tickets().submit("jobs", "upper", "durable");
                // Notified only once the outcome is committed: from here on it must survive the kill.
                assertThat(ticket.result(String.class).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo("DURABLE");
                done = ticket.id();
                inFlight = caller.tickets().submit("jobs", "hold", "never").id();
                Fixtures.await("the hold call reached the publisher", () -> runs.get() == 2);
                first.kill();
            } finally {
                Fixtures.closeAll(caller, publisher);
            }
        }
        try (ChildJvm second = ChildJvm.start(StoreServerMain.class, TestStores.args(store))) {
            String url = "tcp://127.0.0.1:" + second.awaitLine("READY ").substring("READY ".length());
            try (SwitchboardClient fetcher = Fixtures.client(url, Codec.JSON)) {
                assertThat(fetcher.tickets().fetch(done, String.class, Duration.ZERO))
                        .isEqualTo("DURABLE");
                CallException lost = catchThrowableOfType(
                        CallException.class, () -> fetcher.tickets().fetch(inFlight, String.class, Duration.ZERO));
                assertThat(lost.code()).isEqualTo(ResultCode.PUBLISHER_LOST);
                assertThat(lost.getMessage()).contains("restarted");
            }
        }
    }
}
