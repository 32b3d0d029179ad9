package io.switchboard.server.cluster;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.held.Elsewhere;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.Permits;
import io.switchboard.server.routing.Publication;
import io.switchboard.server.routing.SessionDefinition;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.routing.SessionKeeper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;

/**
 * The routing seam's keeper with the cluster in it: sessions published on other nodes become destinations here. It
 * wraps the server's own keeper (hold sessions), which is asked first; then a call goes to the node whose publishers
 * are least loaded when that is another node (the local publishers win ties).
 */
final class ClusterKeeper implements SessionKeeper, Elsewhere {

    private final SessionKeeper inner;
    private final SessionDirectory directory;
    private final ClusterDirectory remote;
    private final ForwardedCalls forwarded;
    private final Permits permits;
    /** Where the scan of equally loaded nodes starts, so that sequential calls take turns. */
    private final AtomicInteger turn = new AtomicInteger();

    ClusterKeeper(
            SessionKeeper inner,
            SessionDirectory directory,
            ClusterDirectory remote,
            ForwardedCalls forwarded,
            Permits permits) {
        this.inner = inner;
        this.directory = directory;
        this.remote = remote;
        this.forwarded = forwarded;
        this.permits = permits;
    }

    @Override
    public Destination destination(String alias, boolean published) {
        // A hold session published on another node lets its calls go there while none waits here.
        Destination kept =
                inner.destination(alias, published || !remote.publishers(alias).isEmpty());
        if (kept != null) {
            return kept;
        }
        Address node = leastLoaded(alias, published ? directory.load(alias) : null);
        return node == null ? null : new RemoteDestination(node, alias);
    }

    /**
     * The other node whose publishers of {@code alias} carry the fewest calls each, if it carries fewer than
     * {@code local} (null: none here). A node's load is the larger of what it last announced and what this node has
     * in flight there itself (announcements are sampled every 100 ms). Nodes at the cap of forwarded calls are
     * skipped, and so are nodes whose link was just refused; when only such nodes publish it, one of them is
     * returned (forwarding answers {@code busy} or {@code publisher-lost}).
     */
    private Address leastLoaded(String alias, AliasLoad local) {
        return leastLoaded(alias, local, null);
    }

    /** As above, never choosing {@code excluded} (a node just lost, still in the directory until the view says so). */
    private Address leastLoaded(String alias, AliasLoad local, Address excluded) {
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
            if (node.equals(excluded)) {
                continue;
            }
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

    /** Held calls drain to another node's publisher (one at a time per alias, see HeldCalls). */
    @Override
    public boolean has(String alias) {
        return leastLoaded(alias, null) != null;
    }

    @Override
    public Result forward(Call call) {
        Address node = leastLoaded(call.alias(), null);
        if (node == null) {
            return Result.failure(call.callerId(), ResultCode.NO_SUCH_SESSION, "no other node publishes it now");
        }
        return forwarded.forward(call, node);
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

    /**
     * The node a call was forwarded to was lost and the call may be sent again (an idempotent method of a
     * reroute/hold session): to a local publisher, else the server's keeper (a hold queue here), else another node.
     * Sent on without a second chance: a call is sent again once.
     *
     * @return true when taken (it is answered from there), false for {@code publisher-lost}
     */
    boolean rerouteLost(Call call, SessionPolicy policy, Address lost) {
        Publication permit = permits.acquire(call.alias());
        if (permit != null) {
            permits.forward(call, permit); // answers the caller itself if the call cannot go
            return true;
        }
        if (inner.publisherLost(call, policy)) {
            return true;
        }
        Address node = leastLoaded(call.alias(), null, lost);
        return node != null && forwarded.forward(call, node) == null;
    }

    @Override
    public void capacityFreed(String alias) {
        inner.capacityFreed(alias);
    }

    /**
     * A session on another node. Its methods are not replicated: that node answers {@code unknown-method}. Async calls
     * cross (the ticket stays this node's: the forwarded call's RESULT comes back to it and is stored here);
     * scatter-gather calls reach the local publishers here, and the other nodes' through {@link ForwardedGathers}.
     */
    private final class RemoteDestination implements Destination {

        private final Address node;
        private final String alias;

        RemoteDestination(Address node, String alias) {
            this.node = node;
            this.alias = alias;
        }

        @Override
        public boolean hasMethod(String method) {
            return true;
        }

        /** Async calls may come: their ticket's caller takes the one RESULT that comes back. */
        @Override
        public boolean forwardsAtOnce() {
            return true;
        }

        /** A scatter-gather call's local publishers; the other nodes' are reached by {@link ForwardedGathers}. */
        @Override
        public List<Publication> publications() {
            return directory.localPublications(alias);
        }

        @Override
        public Result route(Call call) {
            SessionDefinition there = remote.definition(node, call.alias());
            boolean again = there != null
                    && there.policy() != SessionPolicy.FAIL
                    && there.idempotent().contains(call.method());
            return forwarded.forward(call, node, again ? there.policy() : null);
        }
    }
}
