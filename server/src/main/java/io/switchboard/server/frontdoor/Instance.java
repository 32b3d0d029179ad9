package io.switchboard.server.frontdoor;

import io.switchboard.protocol.Codec;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Publication;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A handler instance and the lines it handles: one connection's publication of the handler alias, or (in a cluster)
 * another node's publishers of it, which that node routes to. Owner loop.
 */
final class Instance {

    /** Lines handed over in one go, announced by one or more welcome-back parts. */
    static final class Welcome {
        final String reason;
        final List<Line> lines;
        /** How many of {@link #lines} earlier parts listed. */
        int listed;

        Welcome(String reason, List<Line> lines) {
            this.reason = reason;
            this.lines = lines;
        }
    }

    /** The publishing connection; null for an instance on another node. */
    final Connection connection;
    /** Null for an instance on another node. */
    Publication publication;
    /** The node whose publishers this instance stands for; null for a local instance. */
    final String node;

    final Set<Line> lines = new LinkedHashSet<>();
    /** Welcome-backs to send, the first one in progress; the instance's lines wait until none is left. */
    final ArrayDeque<Welcome> welcomes = new ArrayDeque<>();
    /** The welcome-back part sent and not yet answered. */
    EventCall welcomeInflight;
    /** Waiting out a pause after a busy or shutting-down answer to a welcome-back. */
    boolean paused;

    boolean removed;

    /** Lines waiting for a free slot, longest first (see {@link Turns}); each at most once. */
    final ArrayDeque<Line> waiting = new ArrayDeque<>();
    /** {@link Turns} is handing slots out now. */
    boolean handingOut;
    /** Handing out found the instance full. */
    boolean full;

    boolean retryScheduled;

    Instance(Publication publication) {
        this.publication = publication;
        this.connection = publication.connection();
        this.node = null;
    }

    /** The publishers of the handler alias on {@code node}. */
    Instance(String node) {
        this.publication = null;
        this.connection = null;
        this.node = node;
    }

    boolean isLocal() {
        return node == null;
    }

    /**
     * The codec events are written in: the connection's; for another node CBOR, which that node converts for its
     * publisher (as forwarded calls are converted), and in which it sends the RESULT back.
     */
    Codec codec() {
        return isLocal() ? connection.codec() : Codec.CBOR;
    }

    boolean isTextMode() {
        return isLocal() && connection.isTextMode();
    }

    /** Whether its lines' events may go out: it answered every welcome-back and is still there. */
    boolean ready() {
        return welcomes.isEmpty() && usable();
    }

    boolean usable() {
        return !removed && (isLocal() ? !connection.isClosed() : true);
    }

    @Override
    public String toString() {
        return isLocal() ? connection.toString() : "node " + node;
    }
}
