package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.jca.adapter.TestConnectionManager.ErrorEvent;
import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.ServerShuttingDownException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.server.SwitchboardServer;
import jakarta.resource.spi.ConnectionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lost connection or a server SHUTDOWN fires CONNECTION_ERROR_OCCURRED once, with the managed connection as
 * source, off the client's I/O threads (the test's connection manager destroys the connection synchronously, as a
 * container does); stale handles fail fast with the typed exception, and the next getConnection() is a fresh one.
 */
class ConnectionErrorTest {

    private TestBed bed;
    private TcpProxy proxy;
    private final TestConnectionManager cm = new TestConnectionManager();

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        proxy = new TcpProxy(bed.server.tcpPort());
    }

    @AfterEach
    void stop() throws Exception {
        cm.destroyAll();
        proxy.close();
        bed.close();
    }

    private SwitchboardConnectionFactory factory(String url) throws Exception {
        return (SwitchboardConnectionFactory) bed.factory(url).createConnectionFactory(cm);
    }

    private ErrorEvent onlyError() {
        TestBed.await("CONNECTION_ERROR_OCCURRED", () -> !cm.errors.isEmpty());
        assertThat(cm.errors).hasSize(1);
        ErrorEvent error = cm.errors.get(0);
        assertThat(error.event().getId()).isEqualTo(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        return error;
    }

    @Test
    void anIdlePooledConnectionWhoseSocketIsResetIsReportedAndEvicted() throws Exception {
        SwitchboardConnectionFactory factory = factory(proxy.url());
        try (SwitchboardConnection c = factory.getConnection()) {
            c.ping();
        }
        SwitchboardManagedConnection pooled =
                (SwitchboardManagedConnection) cm.idle().iterator().next();

        proxy.cut();

        ErrorEvent error = onlyError();
        assertThat(error.event().getSource()).isSameAs(pooled);
        assertThat(error.event().getException()).hasMessageContaining("lost");
        assertThat(error.thread()).as("fired off the client's I/O threads").startsWith("switchboard-jca-events");
        assertThat(cm.idle()).isEmpty();
        assertThat(pooled.isUsable()).isFalse();

        try (SwitchboardConnection fresh = factory.getConnection()) {
            assertThat(fresh.call(TestBed.ALIAS, "echo", "again", String.class)).isEqualTo("again");
        }
        assertThat(cm.created).hasSize(2);
    }

    @Test
    void aConnectionLostDuringACallFailsTheCallAndIsReportedOnce() throws Exception {
        SwitchboardConnectionFactory factory = factory(proxy.url());
        SwitchboardConnection c = factory.getConnection();
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                c.call(TestBed.ALIAS, "hold", null, String.class);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        bed.awaitHolding(1);

        proxy.cut();

        assertThat(failure.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("may or may not have taken effect");
        ErrorEvent error = onlyError();
        assertThat(error.event().getSource()).isSameAs(cm.created.iterator().next());
        assertThatThrownBy(c::ping)
                .as("the handle was invalidated when the container destroyed its connection")
                .isInstanceOf(IllegalStateException.class);
        TestBed.await("nothing more is fired", () -> cm.errors.size() == 1);
    }

    @Test
    void serverShutdownIsReportedAndAHandleStillHeldFailsFastWithTheTypedException() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory();
        SwitchboardManagedConnection mc = (SwitchboardManagedConnection) mcf.createManagedConnection(null, null);
        ConnectionEventRecorder recorder = new ConnectionEventRecorder(); // records without destroying
        mc.addConnectionEventListener(recorder);
        SwitchboardConnection held = (SwitchboardConnection) mc.getConnection(null, null);
        held.ping();

        CompletableFuture<Void> stopped = bed.server.shutdown("maintenance");

        TestBed.await("the SHUTDOWN is reported", () -> !recorder.errors.isEmpty());
        assertThat(recorder.errors).singleElement().satisfies(event -> {
            assertThat(event.getSource()).isSameAs(mc);
            assertThat(event.getException()).hasMessageContaining("shutting down");
        });
        assertThatThrownBy(() -> held.call(TestBed.ALIAS, "echo", "x", String.class))
                .isInstanceOf(ServerShuttingDownException.class);
        stopped.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        TestBed.await("the connection closes", () -> !mc.isUsable());
        assertThat(recorder.errors)
                .as("the close after SHUTDOWN is not reported twice")
                .hasSize(1);
        mc.destroy();
    }

    @Test
    void aRestartedServerHealsThePoolWithoutAnyRedeploy() throws Exception {
        SwitchboardConnectionFactory factory = factory(bed.tcpUrl());
        try (SwitchboardConnection c = factory.getConnection()) {
            c.ping();
        }
        int port = bed.server.tcpPort();
        bed.server.close();
        onlyError();
        assertThatThrownBy(factory::getConnection)
                .as("no server: fails at once with the reason")
                .isInstanceOf(ConnectionFailedException.class);

        try (SwitchboardServer restarted =
                SwitchboardServer.start(TestBed.serverConfig().port(port).build())) {
            assertThat(restarted.tcpPort()).isEqualTo(port);
            bed.publishDemo("tcp://127.0.0.1:" + port, null);
            try (SwitchboardConnection c = factory.getConnection()) {
                assertThat(c.call(TestBed.ALIAS, "echo", "healed", String.class))
                        .isEqualTo("healed");
            }
        }
    }

    @Test
    void destroyWaitsForARequestInFlightBeforeClosingTheClient() throws Exception {
        SwitchboardManagedConnection mc =
                (SwitchboardManagedConnection) bed.factory().createManagedConnection(null, null);
        SwitchboardConnection handle = (SwitchboardConnection) mc.getConnection(null, null);
        CompletableFuture<String> running = handle.callAsync(TestBed.ALIAS, "hold", null, String.class);
        bed.awaitHolding(1);

        mc.destroy();
        bed.releaseHeld();

        assertThat(running.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .as("the call in flight still got its answer")
                .isEqualTo("released");
        TestBed.await(
                "the client is closed once the call is done",
                () -> bed.server.stats().connections() == 1);
        assertThatThrownBy(() -> handle.call(TestBed.ALIAS, "echo", 1, Integer.class))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailureInsideAnAsyncCallIsMappedInTheFuture() throws Exception {
        SwitchboardConnectionFactory factory = factory(proxy.url());
        SwitchboardConnection c = factory.getConnection();
        CompletableFuture<String> held = c.callAsync(TestBed.ALIAS, "hold", null, String.class);
        bed.awaitHolding(1);
        proxy.cut();
        assertThatThrownBy(() -> held.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ConnectionFailedException.class);
        assertThat(onlyError().thread()).startsWith("switchboard-jca-events");
    }

    @Test
    void withTwoServersAConnectionOfTheLostOneIsReportedAndTheNextConnectsToTheSurvivor() throws Exception {
        try (SwitchboardServer survivor =
                SwitchboardServer.start(TestBed.serverConfig().build())) {
            String survivorUrl = "tcp://127.0.0.1:" + survivor.tcpPort();
            bed.publishDemo(survivorUrl, null);
            SwitchboardConnectionFactory factory = factory(bed.tcpUrl() + ", " + survivorUrl);
            try (SwitchboardConnection c = factory.getConnection()) {
                assertThat(c.call(TestBed.ALIAS, "echo", "on the first", String.class))
                        .isEqualTo("on the first");
            }
            SwitchboardManagedConnection first =
                    (SwitchboardManagedConnection) cm.idle().iterator().next();
            assertThat(first.getMetaData().getEISProductName()).contains(bed.tcpUrl());

            bed.server.close();

            ErrorEvent error = onlyError();
            assertThat(error.event().getSource()).isSameAs(first);
            try (SwitchboardConnection fresh = factory.getConnection()) {
                assertThat(fresh.call(TestBed.ALIAS, "echo", "on the survivor", String.class))
                        .isEqualTo("on the survivor");
            }
            assertThat(cm.created).hasSize(2);
            SwitchboardManagedConnection second =
                    (SwitchboardManagedConnection) cm.idle().iterator().next();
            assertThat(second.getMetaData().getEISProductName()).contains(survivorUrl);
        }
    }
}
