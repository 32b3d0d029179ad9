package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.jca.api.HandlerFailedException;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.UnknownMethodException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.jca.core.spi.statistics.Statistics;
import org.jboss.jca.core.spi.statistics.StatisticsPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection definition's counters against a real server: calls and their failures by result code,
 * validations, connection errors; switched off and cleared as WildFly does through IronJacamar's plugin, which
 * reads the same figures.
 */
class OutboundStatisticsTest {

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

    @Test
    void callsAndFailuresAreCountedByResultCode() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory();
        SwitchboardConnectionFactory factory = (SwitchboardConnectionFactory) mcf.createConnectionFactory(cm);
        try (SwitchboardConnection c = factory.getConnection()) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.call(TestBed.ALIAS, "echo", "hi", String.class)).isEqualTo("hi");
            }
            assertThatThrownBy(() -> c.call(TestBed.ALIAS, "fail", "x", String.class))
                    .isInstanceOf(HandlerFailedException.class);
            assertThatThrownBy(() -> c.call("nobody", "echo", "x", String.class))
                    .isInstanceOf(SessionNotFoundException.class);
            assertThatThrownBy(() -> c.call(TestBed.ALIAS, "nope", "x", String.class))
                    .isInstanceOf(UnknownMethodException.class);
            assertThat(c.callAsync(TestBed.ALIAS, "echo", "async", String.class).get(10, TimeUnit.SECONDS))
                    .isEqualTo("async");
        }

        OutboundStatistics stats = mcf.statistics();
        assertThat(stats.calls()).isEqualTo(7);
        assertThat(stats.failures()).isEqualTo(3);
        assertThat(stats.failures("handler-error")).isEqualTo(1);
        assertThat(stats.failures("no-such-session")).isEqualTo(1);
        assertThat(stats.failures("unknown-method")).isEqualTo(1);
        assertThat(stats.failures("timeout")).isZero();
        assertThat(stats.callMaxMillis()).isGreaterThanOrEqualTo(stats.callAverageMillis());
        assertThat(stats.callTotalMillis()).isGreaterThanOrEqualTo(stats.callMaxMillis());

        StatisticsPlugin plugin = ((Statistics) mcf).getStatistics();
        assertThat(plugin.getValue("CallCount")).isEqualTo(7L);
        assertThat(plugin.getValue("CallFailedCount")).isEqualTo(3L);
        assertThat(plugin.getValue("CallFailedHandlerErrorCount")).isEqualTo(1L);
        assertThat(plugin.getValue("CallFailedNoSuchSessionCount")).isEqualTo(1L);
        assertThat(plugin.getType("CallCount")).isEqualTo(long.class);
        assertThat(plugin.getDescription("CallMaxTime")).contains("milliseconds");
        assertThat(plugin.getNames()).contains("CallAverageTime", "ValidationCount", "ConnectionErrorCount");
    }

    @Test
    void disabledCountsNothingAndClearResets() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory();
        StatisticsPlugin plugin = mcf.getStatistics();
        SwitchboardConnectionFactory factory = (SwitchboardConnectionFactory) mcf.createConnectionFactory(cm);
        try (SwitchboardConnection c = factory.getConnection()) {
            c.call(TestBed.ALIAS, "echo", "counted", String.class);
            plugin.setEnabled(false);
            assertThat(plugin.isEnabled()).isFalse();
            c.call(TestBed.ALIAS, "echo", "not counted", String.class);
            assertThatThrownBy(() -> c.call(TestBed.ALIAS, "fail", "x", String.class));
            assertThat(plugin.getValue("CallCount")).isEqualTo(1L);
            assertThat(plugin.getValue("CallFailedCount")).isEqualTo(0L);

            plugin.setEnabled(true);
            c.call(TestBed.ALIAS, "echo", "counted", String.class);
            assertThat(plugin.getValue("CallCount")).isEqualTo(2L);

            plugin.clear();
            assertThat(plugin.getValue("CallCount")).isEqualTo(0L);
            assertThat(plugin.getValue("CallMaxTime")).isEqualTo(0L);
            c.call(TestBed.ALIAS, "echo", "after clear", String.class);
            assertThat(plugin.getValue("CallCount")).isEqualTo(1L);
        }
    }

    @Test
    void bytesSentAndReceivedGrowWithCallsAndResetOnClear() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory();
        StatisticsPlugin plugin = mcf.getStatistics();
        SwitchboardConnectionFactory factory = (SwitchboardConnectionFactory) mcf.createConnectionFactory(cm);
        String payload = "p".repeat(2000);
        try (SwitchboardConnection c = factory.getConnection()) {
            assertThat(c.call(TestBed.ALIAS, "echo", payload, String.class)).isEqualTo(payload);
        }
        long sent = (Long) plugin.getValue("BytesSent");
        long received = (Long) plugin.getValue("BytesReceived");
        // The payload went out in the call and came back in its answer, each in a frame of its own.
        assertThat(sent).isGreaterThan(2000);
        assertThat(received).isGreaterThan(2000);
        assertThat(mcf.statistics().bytesSent()).isEqualTo(sent);

        try (SwitchboardConnection c = factory.getConnection()) {
            c.call(TestBed.ALIAS, "echo", payload, String.class);
        }
        assertThat((Long) plugin.getValue("BytesSent")).isGreaterThan(sent + 2000);
        assertThat((Long) plugin.getValue("BytesReceived")).isGreaterThan(received + 2000);

        plugin.setEnabled(false);
        long frozen = (Long) plugin.getValue("BytesSent");
        try (SwitchboardConnection c = factory.getConnection()) {
            c.call(TestBed.ALIAS, "echo", payload, String.class);
        }
        assertThat(plugin.getValue("BytesSent")).as("off: not counted").isEqualTo(frozen);
        plugin.setEnabled(true);

        plugin.clear();
        assertThat(plugin.getValue("BytesSent")).isEqualTo(0L);
        assertThat(plugin.getValue("BytesReceived")).isEqualTo(0L);
        try (SwitchboardConnection c = factory.getConnection()) {
            c.call(TestBed.ALIAS, "echo", "after clear", String.class);
        }
        assertThat((Long) plugin.getValue("BytesSent"))
                .as("only what came after the clear")
                .isPositive()
                .isLessThan(2000);
        assertThat(plugin.getNames()).contains("BytesSent", "BytesReceived");
        assertThat(plugin.getType("BytesSent")).isEqualTo(long.class);
    }

    @Test
    void aClosedConnectionsBytesAreAllCountedAndThenLeftAlone() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory();
        SwitchboardManagedConnection mc = (SwitchboardManagedConnection) mcf.createManagedConnection(null, null);
        String payload = "p".repeat(2000);
        try (SwitchboardConnection c = (SwitchboardConnection) mc.getConnection(null, null)) {
            c.call(TestBed.ALIAS, "echo", payload, String.class);
        }
        long whileOpen = mcf.statistics().bytesSent(); // settled by the read: no request settles bytes any more
        assertThat(whileOpen).isGreaterThan(2000);
        assertThat(mcf.statistics().openLinks()).isEqualTo(1);

        mc.destroy(); // the last user of its physical connection: the client closes, its last bytes are settled
        long closed = mcf.statistics().bytesSent();
        assertThat(closed).isGreaterThanOrEqualTo(whileOpen);
        assertThat(mcf.statistics().bytesReceived()).isGreaterThan(2000);
        assertThat(mcf.statistics().bytesSent()).as("nothing left to settle").isEqualTo(closed);
        assertThat(mcf.statistics().openLinks())
                .as("a closed connection is forgotten")
                .isZero();
    }

    @Test
    void validationsAndTheirFailuresAreCounted() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory(proxy.url());
        mcf.setPingTimeout(0); // every validation pings
        mcf.setValidationTimeoutMillis(300L);
        SwitchboardManagedConnection mc = (SwitchboardManagedConnection) mcf.createManagedConnection(null, null);
        try {
            assertThat(mcf.getInvalidConnections(Set.of(mc))).isEmpty();
            assertThat(mcf.getInvalidConnections(Set.of(mc))).isEmpty();
            proxy.cut();
            TestBed.await("the cut connection seen as invalid", () -> {
                try {
                    return !mcf.getInvalidConnections(Set.of(mc)).isEmpty();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            mc.destroy();
        }
        OutboundStatistics stats = mcf.statistics();
        assertThat(stats.validations()).isGreaterThanOrEqualTo(3);
        assertThat(stats.validationsFailed()).isGreaterThanOrEqualTo(1);
        assertThat(stats.validations() - stats.validationsFailed()).isEqualTo(2);
        assertThat(stats.validationMaxMillis()).isGreaterThanOrEqualTo(stats.validationAverageMillis());
    }

    @Test
    void aLostConnectionCountsOneConnectionError() throws Exception {
        SwitchboardManagedConnectionFactory mcf = bed.factory(proxy.url());
        SwitchboardConnectionFactory factory = (SwitchboardConnectionFactory) mcf.createConnectionFactory(cm);
        try (SwitchboardConnection c = factory.getConnection()) {
            c.ping();
        }
        proxy.cut();
        TestBed.await("CONNECTION_ERROR_OCCURRED", () -> !cm.errors.isEmpty());
        assertThat(mcf.statistics().connectionErrors()).isEqualTo(1);
        assertThat(mcf.getStatistics().getValue("ConnectionErrorCount")).isEqualTo(1L);
    }
}
