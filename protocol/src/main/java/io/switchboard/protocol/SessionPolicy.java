package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What happens to calls to a session whose publishers are all away: PUBLISH's and LISTING's {@code policy}, the
 * server's {@code session-policies} setting and the store all use its {@link #wireName()}.
 */
public enum SessionPolicy {
    /** no-such-session / publisher-lost at once (the default). */
    FAIL,
    /** Keep the calls durably until a publisher returns or their deadline passes. */
    HOLD,
    /** Deliver idempotent calls to another publisher. */
    REROUTE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used in configuration, on the wire and in the store. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The policy with that wire name, or null for none or one this version does not know. */
    public static SessionPolicy knownOrNull(String name) {
        for (SessionPolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return policy;
            }
        }
        return null;
    }

    /** The policy with that wire name; IllegalArgumentException naming the known ones otherwise. */
    @JsonCreator
    public static SessionPolicy forWireName(String name) {
        for (SessionPolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown session policy '" + name + "' (fail, hold, reroute)");
    }
}
