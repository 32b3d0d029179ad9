package io.switchboard.server.frontdoor;

import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Publication;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A handler instance: one connection's publication of the handler alias and the lines it handles. Owner loop. */
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

    final Connection connection;
    Publication publication;
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
    }

    /** Whether its lines' events may go out: it answered every welcome-back and is still there. */
    boolean ready() {
        return welcomes.isEmpty() && usable();
    }

    boolean usable() {
        return !removed && !connection.isClosed();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
