package io.switchboard.client;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SessionListener} hears about a subscribed session.
 *
 * @param alias      the session
 * @param state      what happened
 * @param methods    its methods while published; empty otherwise
 * @param idempotent its idempotent methods while published; empty otherwise
 */
public record SessionChange(String alias, State state, List<String> methods, List<String> idempotent) {

    /** The state of a subscribed session. */
    public enum State {
        /** Its state when subscribed (again after every reconnect): published now. */
        PUBLISHED,
        /** Its state when subscribed (again after every reconnect): nobody publishes it now. */
        ABSENT,
        /** Later: its last publisher left. */
        RESCINDED,
        /** Later: it is published again, possibly with other methods. */
        REPUBLISHED
    }

    public SessionChange {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(state, "state");
        methods = List.copyOf(methods);
        idempotent = List.copyOf(idempotent);
    }

    /** Whether someone publishes the session now ({@link State#PUBLISHED} or {@link State#REPUBLISHED}). */
    public boolean isPublished() {
        return state == State.PUBLISHED || state == State.REPUBLISHED;
    }
}
