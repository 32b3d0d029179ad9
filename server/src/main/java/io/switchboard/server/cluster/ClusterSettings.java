package io.switchboard.server.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cluster options (docs/cluster.md): off unless {@code cluster-name} is set.
 *
 * @param name               {@code cluster-name}; null = no cluster
 * @param discovery          {@code cluster-discovery}
 * @param peers              {@code cluster-peers}, for static discovery
 * @param host               {@code cluster-host}: the address the node binds and announces
 * @param port               {@code cluster-port}; 0 (jdbc discovery only) picks a free port
 * @param stack              {@code cluster-stack}: an operator's own JGroups XML; empty = the shipped one
 * @param failureDetectionMs {@code cluster-failure-detection}: how long until a silent member is removed
 * @param linkPort           {@code cluster-link-port}: the TCP port of the link carrying forwarded calls; 0 picks a
 *                           free one
 * @param maxForwarded       {@code cluster-max-forwarded}: the most calls in flight from this node to one other node
 */
public record ClusterSettings(
        String name,
        Discovery discovery,
        List<Peer> peers,
        String host,
        int port,
        Optional<Path> stack,
        long failureDetectionMs,
        int linkPort,
        int maxForwarded) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7800;
    public static final long DEFAULT_FAILURE_DETECTION_MS = 3_000;
    /** Below this, heartbeats of a loaded machine would suspect healthy members. */
    public static final long MIN_FAILURE_DETECTION_MS = 500;
    /** The cap on calls in flight to one other node (docs/cluster.md, "Cap"). */
    public static final int DEFAULT_MAX_FORWARDED = 4096;

    public ClusterSettings {
        peers = List.copyOf(peers);
        if (name != null) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("cluster-name must not be blank");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("cluster-host must not be empty");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("cluster-port must be 0..65535, was " + port);
            }
            if (discovery == Discovery.STATIC && stack.isEmpty()) {
                if (peers.isEmpty()) {
                    throw new IllegalArgumentException(
                            "cluster-peers must list the members (host:port,...) with cluster-discovery static");
                }
                if (port == 0) {
                    throw new IllegalArgumentException(
                            "cluster-port must be a fixed port with cluster-discovery static (peers list it)");
                }
            }
            if (linkPort < 0 || linkPort > 65_535) {
                throw new IllegalArgumentException("cluster-link-port must be 0..65535, was " + linkPort
                        + (port == 65_535 ? " (cluster-port + 1: set cluster-link-port)" : ""));
            }
            if (linkPort != 0 && linkPort == port) {
                throw new IllegalArgumentException("cluster-link-port " + linkPort + " is cluster-port itself");
            }
            if (maxForwarded < 1) {
                throw new IllegalArgumentException("cluster-max-forwarded must be at least 1, was " + maxForwarded);
            }
            if (failureDetectionMs < MIN_FAILURE_DETECTION_MS) {
                throw new IllegalArgumentException("cluster-failure-detection must be at least "
                        + MIN_FAILURE_DETECTION_MS + "ms, was " + failureDetectionMs + "ms");
            }
        }
    }

    /** The options before the link's: the link port is {@link #defaultLinkPort}, the cap the default. */
    public ClusterSettings(
            String name,
            Discovery discovery,
            List<Peer> peers,
            String host,
            int port,
            Optional<Path> stack,
            long failureDetectionMs) {
        this(
                name,
                discovery,
                peers,
                host,
                port,
                stack,
                failureDetectionMs,
                defaultLinkPort(port),
                DEFAULT_MAX_FORWARDED);
    }

    /** The link's port when {@code cluster-link-port} is unset: the cluster port + 1, or 0 (free) with port 0. */
    public static int defaultLinkPort(int clusterPort) {
        return clusterPort == 0 ? 0 : clusterPort + 1;
    }

    /** No cluster: the default. */
    public static ClusterSettings off() {
        return new ClusterSettings(
                null,
                Discovery.JDBC,
                List.of(),
                DEFAULT_HOST,
                DEFAULT_PORT,
                Optional.empty(),
                DEFAULT_FAILURE_DETECTION_MS);
    }

    public boolean enabled() {
        return name != null;
    }

    @Override
    public String toString() {
        return !enabled()
                ? "off"
                : name + " (" + discovery.wireName() + (peers.isEmpty() ? "" : " " + peers) + ", " + host + ":"
                        + port + stack.map(p -> ", stack " + p).orElse("") + ", failure detection "
                        + failureDetectionMs + "ms, link port " + linkPort + ", at most " + maxForwarded
                        + " forwarded calls per node)";
    }
}
