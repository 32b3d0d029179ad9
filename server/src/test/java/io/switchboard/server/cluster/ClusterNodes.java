package io.switchboard.server.cluster;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.testsupport.ListenPorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;

/** Helpers for tests with several in-process cluster nodes on loopback sharing one embedded PostgreSQL. */
final class ClusterNodes {

    /** Generous: the machine runs several builds at once. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    private ClusterNodes() {}

    static String clusterName(String test) {
        return test + "-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
    }

    /** Ports to name in a static cluster's peer list: none the OS could hand to another socket meanwhile. */
    static List<Integer> freePorts(int count) {
        return ListenPorts.free(count);
    }

    static ServerConfig.Builder node(String name, StoreSettings store, String cluster) {
        return ServerConfig.builder()
                .name(name)
                .port(0)
                .store(store)
                .shutdownGraceMs(0)
                .clusterName(cluster)
                .clusterHost("127.0.0.1")
                .clusterLinkPort(0);
    }

    /** Node {@code i} of a static (TCPPING) cluster whose members listen on {@code ports}. */
    static ServerConfig.Builder staticNode(
            String name, StoreSettings store, String cluster, List<Integer> ports, int i) {
        return node(name, store, cluster)
                .clusterDiscovery("static")
                .clusterPort(ports.get(i))
                .clusterPeers(ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    static ClusterNode cluster(SwitchboardServer server) {
        return server.cluster().orElseThrow();
    }

    /** What {@code observer} knows of {@code alias} on {@code publisher}. */
    static AliasLoad seen(SwitchboardServer observer, SwitchboardServer publisher, String alias) {
        Address where = cluster(publisher).address();
        Map<Address, AliasLoad> found = cluster(observer).directory().publishers(alias);
        return found.getOrDefault(where, AliasLoad.NONE);
    }

    static boolean members(SwitchboardServer server, int count) {
        return cluster(server).members().size() == count;
    }
}
