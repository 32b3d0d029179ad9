package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.cluster.ClusterNodes.seen;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Publish;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three SwitchboardServer instances sharing one embedded PostgreSQL find each other with JDBC_PING2 in the store's
 * own table (cluster-discovery jdbc, the default; free cluster ports from the OS), and /clusterz shows it.
 */
class JdbcClusterTest {

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    private SwitchboardServer start(String name, StoreSettings store, String cluster) {
        return open.add(SwitchboardServer.start(ClusterNodes.node(name, store, cluster)
                .clusterPort(0)
                .monitorPort(0)
                .build()));
    }

    @Test
    void threeNodesFindEachOtherThroughTheStore() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("jdbc");
        SwitchboardServer a = start("node-a", store, name);
        SwitchboardServer b = start("node-b", store, name);
        SwitchboardServer c = start("node-c", store, name);
        await(WAIT, "three members everywhere", () -> members(a, 3) && members(b, 3) && members(c, 3));
        assertThat(rows(store, name)).containsExactlyInAnyOrder("node-a", "node-b", "node-c");

        TestPeer peer = open.add(TestPeer.binary(b.tcpPort()));
        peer.hello("json");
        peer.send(new Publish(1, "echo", List.of("say"), null, null));
        peer.expect(Ack.class);
        await(
                WAIT,
                "a and c see echo on b",
                () -> seen(a, b, "echo").publishers() == 1 && seen(c, b, "echo").publishers() == 1);

        JsonNode clusterz = clusterz(c);
        assertThat(clusterz.get("enabled").asBoolean()).isTrue();
        assertThat(clusterz.get("cluster").asText()).isEqualTo(name);
        assertThat(clusterz.get("self").asText()).isEqualTo("node-c");
        assertThat(clusterz.get("epoch").asLong()).isEqualTo(cluster(c).epoch()).isPositive();
        // The epoch comes from the store's counter (V5), the view id from JGroups: unrelated numbers.
        assertThat(clusterz.get("view_id").asLong()).isPositive();
        assertThat(cluster(c).epoch()).isNotIn(cluster(a).epoch(), cluster(b).epoch());
        Set<String> members = new HashSet<>();
        clusterz.get("members").forEach(m -> members.add(m.asText()));
        assertThat(members).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        JsonNode nodeB = null;
        for (JsonNode node : clusterz.get("nodes")) {
            assertThat(node.has("alias_count")
                            && node.has("self")
                            && node.get("aliases").isArray())
                    .isTrue();
            if (node.get("node").asText().equals("node-b")) {
                nodeB = node;
            }
            assertThat(node.get("self").asBoolean())
                    .isEqualTo(node.get("node").asText().equals("node-c"));
        }
        assertThat(nodeB).isNotNull();
        assertThat(nodeB.get("alias_count").asInt()).isEqualTo(1);
        JsonNode echo = nodeB.get("aliases").get(0);
        assertThat(echo.get("alias").asText()).isEqualTo("echo");
        assertThat(echo.get("publishers").asInt()).isEqualTo(1);
        assertThat(echo.get("in_flight").asInt()).isZero();

        // b leaves cleanly: the others drop it and its row.
        b.close();
        await(WAIT, "a and c are two", () -> members(a, 2) && members(c, 2));
        assertThat(cluster(a).directory().publishers("echo")).isEmpty();
        await(WAIT, "b's row is gone", () -> !rows(store, name).contains("node-b"));
    }

    @Test
    void clusterzSaysOffWithoutACluster() throws Exception {
        SwitchboardServer server = open.add(SwitchboardServer.start(io.switchboard.server.ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .build()));
        assertThat(server.cluster()).isEmpty();
        assertThat(clusterz(server).toString()).isEqualTo("{\"enabled\":false}");
    }

    private static JsonNode clusterz(SwitchboardServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.monitorPort() + "/clusterz"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** The member names in JDBC_PING2's table for the cluster. */
    private static List<String> rows(StoreSettings store, String cluster) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(store.url().orElseThrow(), TestPostgres.USER, "");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM jgroups WHERE cluster = '" + cluster + "'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
