package io.switchboard.jca.adapter;

import static io.switchboard.jca.adapter.OpenedConnections.handle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.adapter.tx.DeferredCalls;
import io.switchboard.jca.api.BroadcastResult;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import jakarta.resource.spi.LocalTransaction;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Front-door sends made inside a transaction (XA branch or local) reach the user only after the commit, and never
 * after a rollback: the user on a real socket reads the held text after the commit, and after a rollback reads first
 * what was sent later outside any transaction.
 */
class DeferredFrontDoorTest {

    private TestBed bed;
    private OpenedConnections connections;
    private SwitchboardClient handlerClient;
    private final BlockingQueue<Line> connected = new LinkedBlockingQueue<>();
    private Socket user;
    private BufferedReader fromUser;
    private String lineId;
    private SwitchboardConnection plain;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start(TestBed.serverConfig()
                .frontDoors(List.of(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat")
                        .host("127.0.0.1")
                        .build())));
        connections = new OpenedConnections(bed.factory());
        handlerClient = SwitchboardClient.connect(ClientOptions.builder()
                .url(bed.tcpUrl())
                .callTimeout(TestBed.PATIENCE)
                .build());
        handlerClient.handleFrontDoor("chat", new FrontDoorHandler() {
            @Override
            public void onConnect(Line line) {
                connected.add(line);
            }

            @Override
            public Object onInput(Line line, io.switchboard.client.LineInput input) {
                return null;
            }
        });
        user = new Socket("127.0.0.1", bed.server.frontDoorPort("chat"));
        user.setSoTimeout((int) TestBed.PATIENCE.toMillis());
        fromUser = new BufferedReader(new InputStreamReader(user.getInputStream(), StandardCharsets.UTF_8));
        Line line = connected.poll(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("the user's line").isNotNull();
        lineId = line.id();
        plain = handle(open());
    }

    @AfterEach
    void stop() throws Exception {
        user.close();
        handlerClient.close();
        connections.close();
        bed.close();
    }

    private SwitchboardManagedConnection open() throws Exception {
        return connections.open();
    }

    @Test
    void sendsInAnXaBranchReachTheUserAfterTheCommit() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("front-door-commit");

        xa.start(xid, XAResource.TMNOFLAGS);
        c.send(lineId, "held-1");
        CompletableFuture<Void> async = c.sendAsync(lineId, "held-2");
        BroadcastResult broadcast = c.broadcast(List.of(lineId), "held-3");
        xa.end(xid, XAResource.TMSUCCESS);
        assertThat(broadcast).as("nothing sent yet").isEqualTo(new BroadcastResult(0, List.of()));
        assertThat(async).isNotDone();

        // No call in the branch, but sends wait for its commit: not read-only.
        assertThat(xa.prepare(xid)).isEqualTo(XAResource.XA_OK);
        plain.send(lineId, "outside");
        assertThat(fromUser.readLine()).isEqualTo("outside");
        xa.commit(xid, false);

        assertThat(fromUser.readLine()).isEqualTo("held-1");
        assertThat(fromUser.readLine()).isEqualTo("held-2");
        assertThat(fromUser.readLine()).isEqualTo("held-3");
        async.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void sendsInARolledBackXaBranchNeverReachTheUser() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("front-door-rollback");

        xa.start(xid, XAResource.TMNOFLAGS);
        c.send(lineId, "never");
        CompletableFuture<Void> async = c.sendAsync(lineId, "never-async");
        c.submit(TestBed.ALIAS, "echo", "in the branch too");
        xa.end(xid, XAResource.TMSUCCESS);
        xa.prepare(xid);
        xa.rollback(xid);

        assertThat(async).isCancelled();
        plain.send(lineId, "after");
        assertThat(fromUser.readLine()).isEqualTo("after");
    }

    @Test
    void sendsInALocalTransactionReachTheUserAfterTheCommitAndNeverAfterARollback() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        LocalTransaction tx = mc.getLocalTransaction();

        tx.begin();
        c.send(lineId, "dropped");
        tx.rollback();
        tx.begin();
        c.send(lineId, "committed");
        plain.send(lineId, "outside");
        assertThat(fromUser.readLine()).isEqualTo("outside");
        tx.commit();

        assertThat(fromUser.readLine()).isEqualTo("committed");
    }

    @Test
    void overTheLimitASendInAnXaBranchIsRefusedAtOnce() throws Exception {
        connections.factory().setMaxDeferredCalls(1);
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("front-door-limit");

        xa.start(xid, XAResource.TMNOFLAGS);
        c.send(lineId, "one");
        SwitchboardException refused = catchThrowableOfType(SwitchboardException.class, () -> c.send(lineId, "two"));
        assertThat(refused.code()).isEqualTo(DeferredCalls.LIMIT_CODE);
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);

        assertThat(fromUser.readLine()).isEqualTo("one");
        plain.send(lineId, "after");
        assertThat(fromUser.readLine()).isEqualTo("after");
    }
}
