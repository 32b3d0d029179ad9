package io.switchboard.server.store;

import java.util.Locale;

/** What happens to calls to a session whose publishers are all away; stored by its {@link #wireName()}. */
public enum SessionPolicy {
    /** no-such-session / publisher-lost at once (the default). */
    FAIL,
    /** Keep the calls durably until a publisher returns or their deadline passes. */
    HOLD,
    /** Deliver idempotent calls to another publisher (the foundation's behaviour). */
    REROUTE;

    /** The lowercase name used in configuration, on the wire and in the store. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy with that wire name; IllegalArgumentException naming the known ones otherwise. */
    public static SessionPolicy forWireName(String name) {
        for (SessionPolicy policy : values()) {
            if (policy.wireName().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown session policy '" + name + "' (fail, hold, reroute)");
    }
}
