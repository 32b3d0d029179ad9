package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's own stack (cluster-stack) can encrypt and authenticate cluster traffic with the TCP transport's
 * TLS and mutual authentication, as docs/cluster.md shows: members with the certificate form a cluster, a node
 * without TLS does not get in.
 */
class TlsStackTest {

    @TempDir
    Path dir;

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void membersWithTheCertificateFormAClusterOverTls() throws Exception {
        Path keystore = dir.resolve("cluster.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit",
                        "-alias",
                        "cluster",
                        "-keyalg",
                        "EC",
                        "-dname",
                        "CN=switchboard-cluster",
                        "-validity",
                        "2")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        String shipped;
        try (InputStream in = ClusterStack.class.getResourceAsStream("jgroups-static.xml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String tls = "<TCP tls.enabled=\"true\" tls.client_auth=\"NEED\" tls.keystore_path=\"" + keystore
                + "\" tls.keystore_password=\"changeit\" tls.truststore_path=\"" + keystore
                + "\" tls.truststore_password=\"changeit\"\n";
        assertThat(shipped).contains("<TCP ");
        Path stack = dir.resolve("jgroups-tls.xml");
        Files.writeString(stack, shipped.replace("<TCP ", tls));

        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("tls");
        List<Integer> ports = ClusterNodes.freePorts(3);
        List<String> peers = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ServerConfig config = ClusterNodes.node("tls-" + i, store, name)
                    .clusterDiscovery("static")
                    .clusterStack(stack)
                    .clusterPort(ports.get(i))
                    .clusterLinkPort(0)
                    .clusterPeers(peers)
                    .build();
            SwitchboardServer node = SwitchboardServer.start(config);
            open.add(node);
            nodes.add(node);
        }
        await(WAIT, "two members over TLS", () -> members(nodes.get(0), 2) && members(nodes.get(1), 2));

        // A node with the plain shipped stack cannot talk to them: it ends up a cluster of its own.
        SwitchboardServer plain = SwitchboardServer.start(ClusterNodes.node("plain", store, name)
                .clusterDiscovery("static")
                .clusterPort(ports.get(2))
                .clusterLinkPort(0)
                .clusterPeers(peers)
                .build());
        open.add(plain);
        assertThat(ClusterNodes.cluster(plain).members())
                .as("the plain node's view")
                .hasSize(1);
        assertThat(ClusterNodes.cluster(nodes.get(0)).members())
                .as("a TLS node's view")
                .hasSize(2);
    }
}
