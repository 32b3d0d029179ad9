package io.switchboard.benchmarks;

import io.switchboard.client.CallException;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The rpc workload on a cluster: an echo publisher connected to one node and a caller connected to one node (the
 * same one or another), each a client in this JVM. The nodes belong to the benchmark, not to this system.
 */
final class ClusterSystem implements RpcSystem {

    private final String name;
    private final ClusterNodes nodes;
    private final String alias;
    private final SwitchboardClient publisher;
    private final SwitchboardClient caller;

    private ClusterSystem(
            String name, ClusterNodes nodes, String alias, SwitchboardClient publisher, SwitchboardClient caller) {
        this.name = name;
        this.nodes = nodes;
        this.alias = alias;
        this.publisher = publisher;
        this.caller = caller;
    }

    /** Publishes {@code alias} on node {@code publisherNode} and calls it from node {@code callerNode}. */
    static ClusterSystem start(
            String name, ClusterNodes nodes, int callerNode, int publisherNode, String alias, byte[] body)
            throws Exception {
        SwitchboardClient publisher = SwitchboardClient.connect(
                SwitchboardSystem.clientOptions(nodes.node(publisherNode).url(), "bench-publisher-" + alias));
        SwitchboardClient caller = null;
        try {
            publisher.publish(
                    alias, List.of(SwitchboardSystem.METHOD), call -> RawPayload.of(call.payload()), Runnable::run);
            caller = SwitchboardClient.connect(
                    SwitchboardSystem.clientOptions(nodes.node(callerNode).url(), "bench-caller-" + alias));
            awaitRoutable(caller, alias, body, Duration.ofSeconds(30));
            return new ClusterSystem(name, nodes, alias, publisher, caller);
        } catch (Exception | Error e) {
            if (caller != null) {
                caller.close();
            }
            publisher.close();
            throw e;
        }
    }

    /** Routable once a call from the caller's node no longer answers no-such-session (the directory caught up). */
    static void awaitRoutable(SwitchboardClient caller, String alias, byte[] body, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                caller.call(
                        alias, SwitchboardSystem.METHOD, RawPayload.of(body), RawPayload.class, Duration.ofSeconds(5));
                return;
            } catch (CallException e) {
                if (e.code() != ResultCode.NO_SUCH_SESSION || System.nanoTime() - end > 0) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] call(byte[] body, Duration timeout) {
        return caller.call(alias, SwitchboardSystem.METHOD, RawPayload.of(body), RawPayload.class, timeout)
                .bytes();
    }

    @Override
    public CompletableFuture<?> callAsync(byte[] body, Duration timeout) {
        return caller.callAsync(alias, SwitchboardSystem.METHOD, RawPayload.of(body), RawPayload.class, timeout);
    }

    @Override
    public void ping(Duration timeout) {
        caller.ping();
    }

    /** Both nodes' CPU: a cross-node call costs on both. */
    @Override
    public Duration serverCpuTime() {
        return nodes.node(0).cpuTime().plus(nodes.node(1).cpuTime());
    }

    @Override
    public void close() {
        try {
            caller.close();
        } finally {
            publisher.close();
        }
    }
}
