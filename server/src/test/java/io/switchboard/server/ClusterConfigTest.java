package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.cluster.ClusterSettings;
import io.switchboard.server.cluster.Discovery;
import io.switchboard.server.cluster.Peer;
import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The cluster options: defaults, parsing, and the refusals (exit 2, naming the option). */
class ClusterConfigTest {

    @TempDir
    Path dir;

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new Main(Map.of()).commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), err.toString());
    }

    private static ClusterSettings load(Map<ConfigOption, String> cli) {
        return ConfigLoader.load(null, Map.of(), cli).server().cluster();
    }

    @Test
    void offByDefaultWithDocumentedDefaults() {
        ClusterSettings cluster = load(Map.of());
        assertThat(cluster.enabled()).isFalse();
        assertThat(cluster.discovery()).isEqualTo(Discovery.JDBC);
        assertThat(cluster.host()).isEqualTo("127.0.0.1");
        assertThat(cluster.port()).isEqualTo(7800);
        assertThat(cluster.failureDetectionMs()).isEqualTo(3_000);
        assertThat(cluster.stack()).isEmpty();
        assertThat(cluster.linkPort()).as("cluster-port + 1").isEqualTo(7801);
        assertThat(cluster.maxForwarded()).isEqualTo(4096);
        assertThat(ServerConfig.builder().build().cluster().enabled()).isFalse();
    }

    @Test
    void theLinkPortAndTheCapOfForwardedCalls() {
        assertThat(load(Map.of(ConfigOption.CLUSTER_PORT, "9000")).linkPort()).isEqualTo(9001);
        assertThat(load(Map.of(ConfigOption.CLUSTER_PORT, "0")).linkPort())
                .as("a free port")
                .isZero();
        ClusterSettings set = load(Map.of(
                ConfigOption.CLUSTER_NAME, "c",
                ConfigOption.CLUSTER_LINK_PORT, "7900",
                ConfigOption.CLUSTER_MAX_FORWARDED, "16"));
        assertThat(set.linkPort()).isEqualTo(7900);
        assertThat(set.maxForwarded()).isEqualTo(16);
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_NAME, "c", ConfigOption.CLUSTER_LINK_PORT, "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster-link-port");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_NAME, "c", ConfigOption.CLUSTER_LINK_PORT, "7800")))
                .hasMessageContaining("cluster-link-port");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_NAME, "c", ConfigOption.CLUSTER_PORT, "65535")))
                .hasMessageContaining("cluster-link-port");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_MAX_FORWARDED, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster-max-forwarded");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_MAX_FORWARDED, "many")))
                .hasMessageContaining("cluster-max-forwarded");
    }

    @Test
    void staticClusterFromTheConfigFile() throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, """
                cluster-name: prod
                cluster-discovery: static
                cluster-peers: [10.0.0.1:7800, "[::1]:7801"]
                cluster-host: 10.0.0.1
                cluster-failure-detection: 1500ms
                """);
        ClusterSettings cluster =
                ConfigLoader.load(file, Map.of(), Map.of()).server().cluster();
        assertThat(cluster.name()).isEqualTo("prod");
        assertThat(cluster.discovery()).isEqualTo(Discovery.STATIC);
        assertThat(cluster.peers()).containsExactly(new Peer("10.0.0.1", 7800), new Peer("::1", 7801));
        assertThat(cluster.failureDetectionMs()).isEqualTo(1_500);
        assertThat(load(Map.of(ConfigOption.CLUSTER_FAILURE_DETECTION, "2s")).failureDetectionMs())
                .isEqualTo(2_000);
        assertThat(load(Map.of(ConfigOption.CLUSTER_FAILURE_DETECTION, "4000")).failureDetectionMs())
                .isEqualTo(4_000);
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_NAME, "c", ConfigOption.CLUSTER_PORT, "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster-port");
        assertThatThrownBy(() -> load(Map.of(
                        ConfigOption.CLUSTER_NAME, "c",
                        ConfigOption.CLUSTER_DISCOVERY, "static",
                        ConfigOption.CLUSTER_PEERS, "10.0.0.1:7800,nonsense")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster-peers")
                .hasMessageContaining("nonsense");
        assertThatThrownBy(() -> load(Map.of(
                        ConfigOption.CLUSTER_NAME, "c",
                        ConfigOption.CLUSTER_DISCOVERY, "static",
                        ConfigOption.CLUSTER_PEERS, "10.0.0.1:0")))
                .hasMessageContaining("cluster-peers");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_NAME, "c", ConfigOption.CLUSTER_DISCOVERY, "static")))
                .hasMessageContaining("cluster-peers");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_DISCOVERY, "dns")))
                .hasMessageContaining("cluster-discovery");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_FAILURE_DETECTION, "soon")))
                .hasMessageContaining("cluster-failure-detection");
        assertThatThrownBy(() -> load(Map.of(ConfigOption.CLUSTER_FAILURE_DETECTION, "100ms")))
                .hasMessageContaining("cluster-failure-detection");
        assertThatThrownBy(() -> load(Map.of(
                        ConfigOption.CLUSTER_NAME, "c",
                        ConfigOption.CLUSTER_DISCOVERY, "static",
                        ConfigOption.CLUSTER_PEERS, "10.0.0.1:7800",
                        ConfigOption.CLUSTER_PORT, "0")))
                .hasMessageContaining("cluster-port");
    }

    @Test
    void theLauncherExitsTwoForABadPortOrPeers() {
        Run port = run("--cluster-name", "c", "--cluster-port", "-1", "--data-dir", dir.toString());
        assertThat(port.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(port.err()).contains("cluster-port");
        Run peers = run(
                "--cluster-name",
                "c",
                "--cluster-discovery",
                "static",
                "--cluster-peers",
                "host-without-port",
                "--data-dir",
                dir.toString());
        assertThat(peers.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(peers.err()).contains("cluster-peers").contains("host-without-port");
        Run cap = run("--cluster-name", "c", "--cluster-max-forwarded", "0", "--data-dir", dir.toString());
        assertThat(cap.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(cap.err()).contains("cluster-max-forwarded");
        Run link = run("--cluster-name", "c", "--cluster-link-port", "-5", "--data-dir", dir.toString());
        assertThat(link.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(link.err()).contains("cluster-link-port");
    }

    @Test
    void aClusterOnTheSqliteStoreIsRefused() throws Exception {
        Path data = dir.resolve("data");
        Run run = run("--cluster-name", "prod", "--port", "0", "--data-dir", data.toString());
        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(run.err()).contains("cluster-name").contains("PostgreSQL").contains("store-url");
        // Refused before anything was opened.
        assertThat(Files.exists(data)).isFalse();
        assertThatThrownBy(() -> SwitchboardServer.start(
                        ServerConfig.builder().port(0).clusterName("prod").build()))
                .isInstanceOfSatisfying(
                        ServerStartException.class,
                        e -> assertThat(e.isConfigError()).isTrue())
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void anUnusableStackFileIsAConfigurationError() throws Exception {
        Path stack = dir.resolve("stack.xml");
        Files.writeString(stack, "<config><TCP bind_port=\"${switchboard.cluster.nope}\"/></config>");
        io.switchboard.server.store.StoreSettings store = io.switchboard.server.store.TestPostgres.freshDatabase();
        assertThatThrownBy(() -> SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .store(store)
                        .clusterName("bad-stack")
                        .clusterStack(stack)
                        .build()))
                .isInstanceOfSatisfying(
                        ServerStartException.class,
                        e -> assertThat(e.isConfigError()).isTrue())
                .hasMessageContaining(stack.toString())
                .hasMessageContaining("switchboard.cluster.nope");
        assertThat(List.of(Discovery.values())).hasSize(2);
    }
}
