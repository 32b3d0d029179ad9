package io.switchboard.client;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link SessionListener} hears about a subscribed session.
 *
 * @param alias      the session
 * @param state      what happened
 * @param methods    its methods while published or away; empty otherwise
 * @param idempotent its idempotent methods while published or away; empty otherwise
 */
public record SessionChange(String alias, State state, List<String> methods, List<String> idempotent) {

    /** The state of a subscribed session. */
    public enum State {
        /**
         * When subscribed (again after every reconnect): published now. Later: it got its first publisher, and this
         * subscription had not seen it published before.
         */
        PUBLISHED,
        /** When subscribed (again after every reconnect): nobody publishes it now and the server keeps nothing. */
        ABSENT,
        /**
         * When subscribed, or later when its last publisher left: a {@code hold} session the server keeps while no
         * publisher is connected; calls to it are held. Its methods are listed.
         */
        AWAY,
        /** Later: its last publisher left, and nothing is kept. */
        RESCINDED,
        /** Later: it is published again after this subscription saw it published, possibly with other methods. */
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
