package io.switchboard.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Switchboard nodes of one cluster, each its own server JVM on loopback: static discovery (TCPPING) over fixed cluster
 * and link ports, the store a database of its own in the run's embedded PostgreSQL (clustering needs PostgreSQL).
 */
final class ClusterNodes implements AutoCloseable {

    private final List<SwitchboardServerProcess> nodes;

    private ClusterNodes(List<SwitchboardServerProcess> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code count} nodes named node-a, node-b, ... one after the other (each returns once it serves). */
    static ClusterNodes start(EmbeddedPostgres postgres, String name, int count, Path logDir) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name.replace('-', '_'));
        }
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name.replace('-', '_');
        List<Integer> clusterPorts = new ArrayList<>();
        List<Integer> linkPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clusterPorts.add(ExternalProcess.freePort());
            linkPorts.add(ExternalProcess.freePort());
        }
        String peers = String.join(
                ",",
                clusterPorts.stream()
                        .map(p -> ExternalProcess.LOOPBACK + ":" + p)
                        .toList());
        List<SwitchboardServerProcess> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String node = "node-" + (char) ('a' + i);
                started.add(SwitchboardServerProcess.start(
                        logDir.resolve(name + "-" + node),
                        List.of(
                                "--name",
                                node,
                                "--store-url",
                                url,
                                "--store-user",
                                "postgres",
                                "--cluster-name",
                                name,
                                "--cluster-discovery",
                                "static",
                                "--cluster-peers",
                                peers,
                                "--cluster-host",
                                ExternalProcess.LOOPBACK,
                                "--cluster-port",
                                Integer.toString(clusterPorts.get(i)),
                                "--cluster-link-port",
                                Integer.toString(linkPorts.get(i)))));
            }
            return new ClusterNodes(List.copyOf(started));
        } catch (Exception | Error e) {
            started.forEach(SwitchboardServerProcess::close);
            throw e;
        }
    }

    SwitchboardServerProcess node(int i) {
        return nodes.get(i);
    }

    String describe() {
        StringBuilder text = new StringBuilder(nodes.size() + " nodes (static discovery, own link ports):");
        for (int i = 0; i < nodes.size(); i++) {
            text.append(" node-")
                    .append((char) ('a' + i))
                    .append(' ')
                    .append(nodes.get(i).describe());
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
