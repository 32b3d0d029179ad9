package io.switchboard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
 * A cluster of real Switchboard server processes on loopback, started as an operator would ({@code bin/switchboard}'s
 * main class with flags, on the caller's classpath, which must hold the server), sharing one PostgreSQL database and
 * discovering each other through it (JDBC_PING2). A node can be killed (SIGKILL), stopped (SIGTERM) and started again
 * on the same client port, so that clients with a URL list find it again. Each node's output goes to a file.
 */
public final class ServerCluster implements AutoCloseable {

    private static final String SERVER_MAIN = "io.switchboard.server.Main";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(60);

    private final String clusterName;
    private final String storeUrl;
    private final String storeUser;
    private final Path logDir;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One node: its fixed ports, and its process while it runs. */
    public final class Node {
        private final String name;
        /** Picked free before the first start and kept after it, so clients with a URL list find the node again. */
        private int port;

        private int monitorPort;
        private boolean started;
        private Process process;
        private List<String> extraArgs = List.of();

        private Node(String name, int port, int monitorPort) {
            this.name = name;
            this.port = port;
            this.monitorPort = monitorPort;
        }

        public String name() {
            return name;
        }

        public int port() {
            return port;
        }

        public String url() {
            return "tcp://127.0.0.1:" + port;
        }

        /** More flags for this node's starts (e.g. {@code --front-door ...}). */
        public Node args(String... more) {
            extraArgs = List.of(more);
            return this;
        }

        public boolean running() {
            return process != null && process.isAlive();
        }

        /**
         * Starts the process (bounded: until its monitoring port answers). Before the node's first start its ports
         * were only free when picked: another process (a node's own ephemeral cluster ports) may have taken one since,
         * and then the start is tried again on newly picked ports.
         */
        public void start() throws IOException, InterruptedException {
            for (int attempt = 1; ; attempt++) {
                long logged = Files.exists(logFile()) ? Files.size(logFile()) : 0;
                try {
                    startOnce();
                    started = true;
                    return;
                } catch (AssertionError e) {
                    String thisRun = Files.readString(logFile()).substring((int) logged);
                    if (started || attempt == 3 || !thisRun.contains("Address already in use")) {
                        throw e;
                    }
                    port = freePort();
                    monitorPort = freePort();
                }
            }
        }

        private void startOnce() throws IOException, InterruptedException {
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
                    storeUrl,
                    "--store-user",
                    storeUser,
                    "--cluster-name",
                    clusterName,
                    "--cluster-port",
                    "0",
                    "--shutdown-grace-ms",
                    "2000"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SERVER_MAIN));
            command.addAll(args);
            command.addAll(extraArgs);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            long deadline = System.nanoTime() + JOIN_PATIENCE.toNanos();
            while (clusterz() == null) {
                if (!process.isAlive()) {
                    throw new AssertionError("node " + name + " exited at start; output: " + output());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("node " + name + " did not start in time; output: " + output());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        /** kill -9: no shutdown hook runs, the kernel closes the sockets. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("node " + name + " did not die of SIGKILL within 30 s");
            }
        }

        /** SIGTERM: the graceful shutdown, bounded by its grace period. */
        public void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("node " + name + " did not exit within 30 s of SIGTERM; output: " + output());
            }
            int code = process.exitValue();
            if (code != 0 && code != 143) {
                throw new AssertionError("node " + name + " exited with " + code + "; output: " + output());
            }
        }

        private Path logFile() {
            return logDir.resolve(name + ".log");
        }

        /** The node's {@code /clusterz}, or null while its monitoring port does not answer. */
        public JsonNode clusterz() {
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
        public Set<String> members() {
            JsonNode clusterz = clusterz();
            Set<String> members = new TreeSet<>();
            if (clusterz != null) {
                clusterz.path("members").forEach(m -> members.add(m.asText()));
            }
            return members;
        }

        /** How many publishers of {@code alias} this node's directory shows on other nodes. */
        public int remotePublishers(String alias) {
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

        /** What the node printed (all its runs), for failure messages. */
        public String output() {
            try {
                return Files.exists(logFile()) ? Files.readString(logFile()) : "";
            } catch (IOException e) {
                return "(cannot read " + logFile() + ": " + e + ")";
            }
        }

        @Override
        public String toString() {
            return name + "@" + port;
        }
    }

    /**
     * @param storeUrl a JDBC URL of an empty PostgreSQL database the nodes share
     * @param logDir where each node's output goes ({@code <name>.log})
     */
    public ServerCluster(String clusterName, String storeUrl, String storeUser, Path logDir) {
        this.clusterName = clusterName;
        this.storeUrl = storeUrl;
        this.storeUser = storeUser;
        this.logDir = logDir;
    }

    /** The node named {@code name}, added before. */
    public Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node " + name);
        }
        return node;
    }

    /** A node with free ports, not started. */
    public Node add(String name) throws IOException {
        Node node = new Node(name, freePort(), freePort());
        nodes.put(name, node);
        return node;
    }

    /** Waits (bounded) until every running node sees exactly the running nodes as members. */
    public void awaitFullView() throws InterruptedException {
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

    private static int freePort() {
        return ListenPorts.free();
    }

    @Override
    public void close() {
        for (Node node : nodes.values()) {
            if (node.process != null) {
                node.process.destroyForcibly();
            }
        }
    }
}
