package io.switchboard.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a SESSION frame says about a subscribed alias. */
public enum SessionState {
    /** Answer to SUBSCRIBE: the session is published now. */
    PUBLISHED("published"),
    /** Answer to SUBSCRIBE: nobody publishes the alias now. */
    ABSENT("absent"),
    /** Notification: the last publisher left. */
    RESCINDED("rescinded"),
    /** Notification: the session is published again, possibly with other methods. */
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
