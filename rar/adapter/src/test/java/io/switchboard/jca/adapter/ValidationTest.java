package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.jca.api.SwitchboardConnection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * getInvalidConnections as validate-on-match and background validation use it: pingTimeout's three meanings, and
 * a dead server found within the validation deadline, not the (much longer) call timeout.
 */
class ValidationTest {

    /** Calls may wait this long; a validation that took as long would stall the pool. */
    private static final long LONG_CALL_TIMEOUT_MILLIS = 120_000;

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

    /** A factory whose connections go through the proxy. */
    private SwitchboardManagedConnectionFactory viaProxy(int pingTimeout) throws Exception {
        SwitchboardManagedConnectionFactory f = bed.factory(proxy.url());
        f.setPingTimeout(pingTimeout);
        f.setValidationTimeoutMillis(300L);
        f.setCallTimeoutMillis(LONG_CALL_TIMEOUT_MILLIS);
        return f;
    }

    private static SwitchboardManagedConnection used(SwitchboardManagedConnectionFactory f) throws Exception {
        SwitchboardManagedConnection mc = (SwitchboardManagedConnection) f.createManagedConnection(null, null);
        SwitchboardConnection handle = (SwitchboardConnection) mc.getConnection(null, null);
        handle.call(TestBed.ALIAS, "echo", "warm", String.class);
        mc.cleanup();
        return mc;
    }

    /** Runs the validation on another thread so that a validation that hangs fails the test instead of stalling it. */
    @SuppressWarnings("unchecked")
    private static Set<Object> invalid(SwitchboardManagedConnectionFactory f, SwitchboardManagedConnection mc)
            throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return (Set<Object>) f.getInvalidConnections(Set.of(mc));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void pingTimeoutZeroPingsEveryTimeSoAHungServerIsFoundWithinTheValidationDeadline() throws Exception {
        SwitchboardManagedConnectionFactory f = viaProxy(0);
        SwitchboardManagedConnection mc = used(f);
        assertThat(invalid(f, mc)).isEmpty();

        proxy.freeze(); // the server stops answering; the socket stays open, so only a ping can tell

        assertThat(invalid(f, mc))
                .as("no pong within 300 ms, well before the 120 s call timeout")
                .containsExactly(mc);
    }

    @Test
    void pingTimeoutNegativeNeverPingsButAKnownLossIsStillInvalid() throws Exception {
        SwitchboardManagedConnectionFactory f = viaProxy(-1);
        SwitchboardManagedConnection mc = used(f);
        proxy.freeze();
        assertThat(invalid(f, mc))
                .as("no ping, so the hung server goes unnoticed")
                .isEmpty();

        proxy.cut(); // now the socket closes: the client knows without asking
        TestBed.await("the client notices the reset", () -> !mc.isUsable());
        assertThat(invalid(f, mc)).containsExactly(mc);
    }

    @Test
    void pingTimeoutPositivePingsOnlyConnectionsIdleLongerThanThat() throws Exception {
        SwitchboardManagedConnectionFactory patient = viaProxy(60);
        SwitchboardManagedConnection recent = used(patient);
        proxy.freeze();
        assertThat(invalid(patient, recent))
                .as("used moments ago: trusted without a ping")
                .isEmpty();

        SwitchboardManagedConnectionFactory eager = viaProxy(1);
        eager.setClientName("eager"); // another definition, another connection through the frozen proxy
        proxy.cut();
        SwitchboardManagedConnection idle = used(eager);
        proxy.freeze();
        TestBed.await("once idle over 1 s the connection is pinged, and found dead", () -> {
            try {
                return invalid(eager, idle).contains(idle);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aConnectionWhoseServerWentAwayIsInvalidAndARestartedServerServesAFreshOne() throws Exception {
        SwitchboardManagedConnectionFactory f = bed.factory();
        SwitchboardManagedConnection mc = used(f);
        assertThat(invalid(f, mc)).isEmpty();
        int port = bed.server.tcpPort();

        bed.server.close();

        TestBed.await("the pool's validation reports the connection invalid", () -> {
            try {
                return invalid(f, mc).contains(mc);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (var restarted = io.switchboard.server.SwitchboardServer.start(
                TestBed.serverConfig().port(port).build())) {
            assertThat(restarted.tcpPort()).isEqualTo(port);
            bed.publishDemo("tcp://127.0.0.1:" + port, null);
            SwitchboardManagedConnection fresh = used(f);
            assertThat(invalid(f, fresh)).isEmpty();
            fresh.destroy();
        }
        mc.destroy();
    }
}
