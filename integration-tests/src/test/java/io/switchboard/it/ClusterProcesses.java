package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.Main;
import io.switchboard.server.store.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of real server processes on loopback, started as an operator would ({@code bin/switchboard}'s main class
 * with flags), sharing one database of the embedded PostgreSQL and discovering each other through it (JDBC_PING2).
 * A node can be killed (SIGKILL), stopped (SIGTERM) and started again on the same client port, so that clients
 * with a URL list find it again.
 */
final class ClusterProcesses implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(60);

    private final String clusterName;
    private final StoreSettings store;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One node: its fixed ports, and its process while it runs. */
    final class Node {
        final String name;
        final int port;
        final int monitorPort;
        private ChildJvm process;

        private Node(String name, int port, int monitorPort) {
            this.name = name;
            this.port = port;
            this.monitorPort = monitorPort;
        }

        String url() {
            return "tcp://127.0.0.1:" + port;
        }

        boolean running() {
            return process != null && process.isAlive();
        }

        /** Starts the process (bounded: until its client port answers). */
        void start() throws IOException, InterruptedException {
            List<String> args = new ArrayList<>(List.of(
                    "--name",
                    name,
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port),
                    "--monitor-port",
                    String.valueOf(monitorPort),
                    "--store-url",
                    store.url().orElseThrow(),
                    "--store-user",
                    "postgres",
                    "--cluster-name",
                    clusterName,
                    "--cluster-port",
                    "0",
                    "--shutdown-grace-ms",
                    "2000"));
            process = ChildJvm.start(
                    List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    Main.class,
                    args.toArray(String[]::new));
            long deadline = System.nanoTime() + JOIN_PATIENCE.toNanos();
            while (clusterz() == null) {
                if (!process.isAlive()) {
                    throw new AssertionError("node " + name + " exited at start; output: " + process.output());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("node " + name + " did not start in time; output: " + process.output());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        /** kill -9. */
        void kill() throws InterruptedException {
            process.kill();
        }

        /** SIGTERM: the graceful shutdown, bounded by its grace period. */
        void stop() throws InterruptedException {
            int code = process.terminate();
            if (code != 0 && code != 143) {
                throw new AssertionError("node " + name + " exited with " + code + "; output: " + process.output());
            }
        }

        /** The node's {@code /clusterz}, or null while its monitoring port does not answer. */
        JsonNode clusterz() {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/clusterz"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** The members of the view this node has, by name; empty while it does not answer. */
        Set<String> members() {
            JsonNode clusterz = clusterz();
            Set<String> members = new TreeSet<>();
            if (clusterz != null) {
                clusterz.path("members").forEach(m -> members.add(m.asText()));
            }
            return members;
        }

        /** How many publishers of {@code alias} this node's directory shows on other nodes. */
        int remotePublishers(String alias) {
            JsonNode clusterz = clusterz();
            int count = 0;
            if (clusterz != null) {
                for (JsonNode node : clusterz.path("nodes")) {
                    if (!node.path("self").asBoolean()) {
                        for (JsonNode entry : node.path("aliases")) {
                            if (entry.path("alias").asText().equals(alias)) {
                                count += entry.path("publishers").asInt();
                            }
                        }
                    }
                }
            }
            return count;
        }

        String output() {
            return process == null ? "" : String.join("\n", process.output());
        }

        @Override
        public String toString() {
            return name + "@" + port;
        }
    }

    ClusterProcesses(String clusterName, Path dir) {
        this.clusterName = clusterName;
        this.store = TestStores.POSTGRES.fresh(dir);
    }

    /** The node named {@code name}, added before. */
    Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return node;
    }

    /** A node with free ports, not started. */
    Node add(String name) throws IOException {
        Node node = new Node(name, freePort(), freePort());
        nodes.put(name, node);
        return node;
    }

    /** Waits (bounded) until every running node sees exactly the running nodes as members. */
    void awaitFullView() throws InterruptedException {
        long deadline = System.nanoTime() + JOIN_PATIENCE.toNanos();
        while (true) {
            Set<String> expected = new TreeSet<>();
            nodes.values().stream().filter(Node::running).forEach(n -> expected.add(n.name));
            boolean agreed = nodes.values().stream()
                    .filter(Node::running)
                    .allMatch(n -> n.members().equals(expected));
            if (agreed) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                StringBuilder views = new StringBuilder();
                nodes.values().stream()
                        .filter(Node::running)
                        .forEach(n -> views.append(n.name)
                                .append(" sees ")
                                .append(n.members())
                                .append("; "));
                throw new AssertionError("the nodes did not agree on " + expected + " in time: " + views);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Node node : nodes.values()) {
            if (node.process != null) {
                try {
                    node.process.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
