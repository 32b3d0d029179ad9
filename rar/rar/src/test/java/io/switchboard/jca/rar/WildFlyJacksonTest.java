package io.switchboard.jca.rar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory;
import io.switchboard.jca.adapter.SwitchboardResourceAdapter;
import io.switchboard.jca.api.HandlerFailedException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The archive's adapter jar (shaded: client, protocol and Netty relocated) on the Jackson WildFly ships, not the
 * newer one the client is compiled against: every codec maps records, trees, binary and lists both ways.
 */
class WildFlyJacksonTest {

    private static final Duration PATIENCE = EchoServer.PATIENCE;

    record Order(String item, int quantity, List<String> notes) {}

    private static EchoServer server;
    private static final SwitchboardResourceAdapter ADAPTER = new SwitchboardResourceAdapter();

    @BeforeAll
    static void start() throws Exception {
        server = EchoServer.start();
        ADAPTER.start(null);
    }

    @AfterAll
    static void stop() {
        server.close();
        ADAPTER.stop();
    }

    @Test
    void theTestRunsOnWildFlysJacksonAndTheArchivesAdapterJar() throws Exception {
        assertThat(PackageVersion.VERSION.toString()).isEqualTo(System.getProperty("wildfly.jackson.version"));
        assertThat(com.fasterxml.jackson.dataformat.cbor.PackageVersion.VERSION.toString())
                .isEqualTo(System.getProperty("wildfly.jackson.version"));
        String adapterJar = SwitchboardManagedConnectionFactory.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString();
        assertThat(adapterJar).endsWith(".jar").contains("switchboard-rar-adapter");
        assertThat(Class.forName("io.switchboard.jca.shaded.netty.channel.Channel"))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CBOR", "SMILE", "JSON"})
    void everyCodecMapsPayloadsBothWays(String codec) throws Exception {
        SwitchboardManagedConnectionFactory mcf = new SwitchboardManagedConnectionFactory();
        mcf.setServerUrls(server.url());
        mcf.setCodec(codec);
        mcf.setResourceAdapter(ADAPTER);
        UnpooledConnectionManager cm = new UnpooledConnectionManager();
        SwitchboardConnectionFactory factory = (SwitchboardConnectionFactory) mcf.createConnectionFactory(cm);
        try (SwitchboardConnection c = factory.getConnection()) {
            Order order = new Order("tea", 2, List.of("green", "no sugar"));
            assertThat(c.call("echo", "echo", order, Order.class)).isEqualTo(order);
            assertThat(c.call("echo", "echo", Map.of("n", 1.5), JsonNode.class)
                            .get("n")
                            .asDouble())
                    .isEqualTo(1.5);
            assertThat(c.call("echo", "echo", new byte[] {0, 1, (byte) 0xff}, byte[].class))
                    .containsExactly(0, 1, 0xff);
            assertThat(c.callAsync("echo", "echo", List.of("a", "b"), String[].class)
                            .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .containsExactly("a", "b");
            assertThatThrownBy(() -> c.call("echo", "fail", order, Void.class))
                    .isInstanceOf(HandlerFailedException.class)
                    .hasMessageContaining("tea");
            assertThat(c.list())
                    .singleElement()
                    .satisfies(s -> assertThat(s.alias()).isEqualTo("echo"));
        } finally {
            cm.destroyAll();
        }
    }

    /** A connection manager without a pool: a new managed connection per request, destroyed at teardown. */
    static final class UnpooledConnectionManager implements ConnectionManager {
        private static final long serialVersionUID = 1L;
        private final transient List<ManagedConnection> created = new CopyOnWriteArrayList<>();

        @Override
        public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
                throws ResourceException {
            ManagedConnection mc = mcf.createManagedConnection(null, info);
            created.add(mc);
            return mc.getConnection(null, info);
        }

        void destroyAll() throws ResourceException {
            for (ManagedConnection mc : created) {
                mc.destroy();
            }
        }
    }
}
