package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStartException;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With tls-cert and tls-key set, cluster traffic is mutual TLS with them (cluster-tls auto, the default): members
 * whose certificates chain to the same CA form a cluster; a node with another CA's certificate, or without TLS,
 * does not get in. A server with auth-users on a non-loopback cluster-host refuses plain cluster traffic.
 */
class ClusterTlsTest {

    @TempDir
    Path dir;

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void membersWithCertificatesOfOneCaFormAClusterAndOthersStayOut() throws Exception {
        TestCertificates certs = TestCertificates.in(dir.resolve("ours"));
        TestCertificates.Issued one = certs.peer("node-one");
        TestCertificates.Issued two = certs.peer("node-two");
        TestCertificates.Issued stranger =
                TestCertificates.in(dir.resolve("theirs"), "Another CA").peer("stranger");

        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("cluster-tls");
        List<Integer> ports = ClusterNodes.freePorts(4);
        SwitchboardServer a = start(ClusterNodes.staticNode("a", store, name, ports, 0)
                .tlsCert(one.certFile())
                .tlsKey(one.keyFile())
                .tlsClientCa(certs.caFile()));
        SwitchboardServer b = start(ClusterNodes.staticNode("b", store, name, ports, 1)
                .tlsCert(two.certFile())
                .tlsKey(two.keyFile())
                .tlsClientCa(certs.caFile()));
        await(WAIT, "a and b form a cluster over mutual TLS", () -> members(a, 2) && members(b, 2));

        SwitchboardServer other = start(ClusterNodes.staticNode("other", store, name, ports, 2)
                .tlsCert(stranger.certFile())
                .tlsKey(stranger.keyFile()));
        SwitchboardServer plain = start(ClusterNodes.staticNode("plain", store, name, ports, 3));
        assertThat(ClusterNodes.cluster(other).members())
                .as("a node whose certificate another CA signed")
                .hasSize(1);
        assertThat(ClusterNodes.cluster(plain).members())
                .as("a node without TLS")
                .hasSize(1);
        assertThat(ClusterNodes.cluster(a).members()).hasSize(2);
        assertThat(ClusterNodes.cluster(b).members()).hasSize(2);
    }

    @Test
    void withClusterTlsOffTheNodesTalkPlainDespiteTheirCertificates() throws Exception {
        TestCertificates certs = TestCertificates.in(dir);
        TestCertificates.Issued cert = certs.server("node");
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("cluster-tls-off");
        List<Integer> ports = ClusterNodes.freePorts(2);
        SwitchboardServer withCert = start(ClusterNodes.staticNode("with-cert", store, name, ports, 0)
                .tlsCert(cert.certFile())
                .tlsKey(cert.keyFile())
                .clusterTls("off"));
        SwitchboardServer without = start(ClusterNodes.staticNode("without", store, name, ports, 1));
        await(WAIT, "both in one plain cluster", () -> members(withCert, 2) && members(without, 2));
    }

    @Test
    void authOnANonLoopbackClusterHostWithoutTlsIsRefusedAtStart() throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, """
                users:
                  - name: app
                    token-sha256: "0000000000000000000000000000000000000000000000000000000000000000"
                    permissions: { call: [">"] }
                """);
        ServerConfig config = ClusterNodes.node("exposed", TestPostgres.freshDatabase(), "exposed")
                .clusterHost("0.0.0.0")
                .authUsers(UsersFile.read(users))
                .build();
        assertThatThrownBy(() -> SwitchboardServer.start(config))
                .isInstanceOf(ServerStartException.class)
                .satisfies(e ->
                        assertThat(((ServerStartException) e).isConfigError()).isTrue())
                .hasMessageContaining("cluster-host 0.0.0.0 is not a loopback address")
                .hasMessageContaining("cluster-tls: off");
    }

    @Test
    void aWrongClusterTlsValueIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> ServerConfig.builder().clusterTls("always").build())
                .hasMessageContaining("cluster-tls must be auto or off, was 'always'");
    }

    private SwitchboardServer start(ServerConfig.Builder config) {
        return open.add(SwitchboardServer.start(config.build()));
    }
}
