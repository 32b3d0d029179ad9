package io.switchboard.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a SESSION frame says about a subscribed alias. */
public enum SessionState {
    /**
     * Answer to SUBSCRIBE: the session is published now. Notification: the alias became published and the
     * subscriber has not seen it published before.
     */
    PUBLISHED("published"),
    /** Answer to SUBSCRIBE: nobody publishes the alias now and the server keeps no definition of it. */
    ABSENT("absent"),
    /**
     * Answer to SUBSCRIBE, and notification when its last publisher leaves: a {@code hold} session the server keeps
     * while no publisher is connected (its calls are held); LIST shows it {@code away} too.
     */
    AWAY("away"),
    /** Notification: the last publisher left and nothing is kept. */
    RESCINDED("rescinded"),
    /** Notification: the session is published again after the subscriber saw it published, possibly with other methods. */
    REPUBLISHED("republished");

    private final String wireName;

    SessionState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static SessionState fromWireName(String name) {
        for (SessionState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown session state '" + name + "'");
    }
}
