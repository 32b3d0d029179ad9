package io.switchboard.server.cluster;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.SessionDefinition;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.routing.SessionKeeper;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;

/**
 * The routing seam's keeper with the cluster in it: sessions published on other nodes become destinations here. It
 * wraps the server's own keeper (hold sessions), which is asked first; then a call goes to the node whose publishers
 * are least loaded when that is another node (the local publishers win ties).
 */
final class ClusterKeeper implements SessionKeeper {

    private final SessionKeeper inner;
    private final SessionDirectory directory;
    private final ClusterDirectory remote;
    private final ForwardedCalls forwarded;
    /** Where the scan of equally loaded nodes starts, so that sequential calls take turns. */
    private final AtomicInteger turn = new AtomicInteger();

    ClusterKeeper(SessionKeeper inner, SessionDirectory directory, ClusterDirectory remote, ForwardedCalls forwarded) {
        this.inner = inner;
        this.directory = directory;
        this.remote = remote;
        this.forwarded = forwarded;
    }

    @Override
    public Destination destination(String alias, boolean published) {
        Destination kept = inner.destination(alias, published);
        if (kept != null) {
            return kept;
        }
        Address node = leastLoaded(alias, published ? directory.load(alias) : null);
        return node == null ? null : new RemoteDestination(node);
    }

    /**
     * The other node whose publishers of {@code alias} carry the fewest calls each, if it carries fewer than
     * {@code local} (null: none here). A node's load is the larger of what it last announced and what this node has
     * in flight there itself (announcements are sampled every 100 ms). Nodes at the cap of forwarded calls are
     * skipped, and so are nodes whose link was just refused; when only such nodes publish it, one of them is
     * returned (forwarding answers {@code busy} or {@code publisher-lost}).
     */
    private Address leastLoaded(String alias, AliasLoad local) {
        Map<Address, AliasLoad> there = remote.publishers(alias);
        if (there.isEmpty()) {
            return null;
        }
        Address best = null;
        Address skipped = null;
        long bestCalls = local == null ? 0 : local.inFlight();
        long bestPublishers = local == null ? 0 : local.publishers();
        Address[] nodes = there.keySet().toArray(new Address[0]);
        int start = nodes.length == 1 ? 0 : Math.floorMod(turn.getAndIncrement(), nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            Address node = nodes[(start + i) % nodes.length];
            if (!forwarded.hasRoom(node)) {
                skipped = node;
                continue;
            }
            AliasLoad load = there.get(node);
            long calls = Math.max(load.inFlight(), forwarded.inFlight(node, alias));
            // calls / publishers < bestCalls / bestPublishers, strictly: the local publishers win ties.
            if (bestPublishers == 0 || calls * bestPublishers < bestCalls * load.publishers()) {
                best = node;
                bestCalls = calls;
                bestPublishers = load.publishers();
            }
        }
        // Only skipped nodes and no publisher here: the call goes to one of them, to be answered busy (at the cap) or
        // publisher-lost (its link refused), not no-such-session.
        return best != null || local != null && local.publishers() > 0 ? best : skipped;
    }

    @Override
    public SessionDefinition kept(String alias) {
        return inner.kept(alias);
    }

    @Override
    public Collection<SessionDefinition> keptSessions() {
        return inner.keptSessions();
    }

    @Override
    public CompletableFuture<Void> published(SessionDefinition session) {
        return inner.published(session);
    }

    /** A local publisher of an idempotent call was lost: the server's keeper first, then another node. */
    @Override
    public boolean publisherLost(Call call, SessionPolicy policy) {
        if (inner.publisherLost(call, policy)) {
            return true;
        }
        if (call.caller() instanceof ForwardedIn.RemoteCaller) {
            return false; // a call another node forwarded here goes no further: no loops
        }
        Address node = leastLoaded(call.alias(), null);
        return node != null && forwarded.forward(call, node) == null;
    }

    @Override
    public void capacityFreed(String alias) {
        inner.capacityFreed(alias);
    }

    /**
     * A session on another node. Its methods are not replicated: that node answers {@code unknown-method}. Async and
     * scatter-gather calls stay with the local publishers (tickets are per node).
     */
    private final class RemoteDestination implements Destination {

        private final Address node;

        RemoteDestination(Address node) {
            this.node = node;
        }

        @Override
        public boolean hasMethod(String method) {
            return true;
        }

        @Override
        public boolean forwardsAtOnce() {
            return false;
        }

        @Override
        public Result route(Call call) {
            return forwarded.forward(call, node);
        }
    }
}
