package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.JDBC_PING2;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.stack.Configurator;
import org.jgroups.stack.DiagnosticsHandler;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ThreadPool;
import org.junit.jupiter.api.Test;

/** The shipped stacks with the options filled in: what JGroups gets. */
class ClusterStackTest {

    private static <T> T field(Object target, String name) throws Exception {
        return Configurator.getValueFromObject(target, name);
    }

    private static <T extends Protocol> T find(List<Protocol> protocols, Class<T> type) {
        return protocols.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theStaticStackCarriesTheOptions() throws Exception {
        ClusterSettings settings = new ClusterSettings(
                "c",
                Discovery.STATIC,
                List.of(new Peer("127.0.0.1", 7901), new Peer("127.0.0.1", 7902)),
                "127.0.0.1",
                7901,
                Optional.empty(),
                4_000);
        List<Protocol> protocols = ClusterStack.channel(settings, Optional.empty())
                .getProtocolStack()
                .getProtocols();
        assertThat(protocols.get(protocols.size() - 1)).isInstanceOf(TCP.class); // top first
        TCP tcp = find(protocols, TCP.class);
        assertThat((Integer) field(tcp, "bind_port")).isEqualTo(7901);
        assertThat((Integer) field(tcp, "port_range")).isZero();
        // Components, not plain attributes: they must be set too.
        assertThat(((DiagnosticsHandler) field(tcp, "diag_handler")).isEnabled())
                .isFalse();
        assertThat(((ThreadPool) field(tcp, "thread_pool")).getMaxThreads()).isEqualTo(64);
        assertThat((String) field(find(protocols, TCPPING.class), "initial_hosts_str"))
                .isEqualTo("127.0.0.1[7901],127.0.0.1[7902]");
        // 4 s of failure detection: a quarter to verify, the rest for heartbeats to stop.
        assertThat((Long) field(find(protocols, VERIFY_SUSPECT2.class), "timeout"))
                .isEqualTo(1_000);
        assertThat((Long) field(find(protocols, FD_ALL3.class), "timeout")).isEqualTo(3_000);
        assertThat((Long) field(find(protocols, FD_ALL3.class), "interval")).isEqualTo(750);
    }

    @Test
    void theJdbcStackNeedsTheStoresDataSource() {
        ClusterSettings settings =
                new ClusterSettings("c", Discovery.JDBC, List.of(), "127.0.0.1", 0, Optional.empty(), 3_000);
        assertThatThrownBy(() -> ClusterStack.channel(settings, Optional.empty()))
                .hasMessageContaining("JDBC_PING2")
                .hasMessageContaining("PostgreSQL");
        javax.sql.DataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        JDBC_PING2 ping = find(
                ClusterStack.channel(settings, Optional.of(dataSource))
                        .getProtocolStack()
                        .getProtocols(),
                JDBC_PING2.class);
        assertThat(ping.getDataSource()).isSameAs(dataSource);
        assertThat(ping.getInitializeSql()).isNull();
    }

    @Test
    void placeholdersAreReplacedAndEscaped() {
        assertThat(ClusterStack.substitute(
                        "<TCP a=\"${switchboard.cluster.host}\" b=\"${switchboard.cluster.port:7800}\" c=\"${x:1}\"/>",
                        Map.of("host", "a\"b", "port", "7"),
                        "test"))
                .isEqualTo("<TCP a=\"a&quot;b\" b=\"7\" c=\"${x:1}\"/>");
        assertThatThrownBy(() -> ClusterStack.substitute("${switchboard.cluster.what}", Map.of(), "my.xml"))
                .hasMessageContaining("my.xml")
                .hasMessageContaining("switchboard.cluster.what");
    }
}
