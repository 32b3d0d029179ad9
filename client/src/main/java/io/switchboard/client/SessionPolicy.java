package io.switchboard.client;

import java.util.Locale;

/**
 * What the server does with calls to a session while its publishers are away; chosen at publish time with
 * {@link PublishOptions.Builder#policy}, else by the server's {@code session-policies} config, else {@link #FAIL}.
 */
public enum SessionPolicy {
    /** A call finds no publisher: {@code no-such-session}; a publisher lost mid-call: {@code publisher-lost}. */
    FAIL,
    /**
     * Calls made while no publisher is there wait, kept durably by the server, until one returns (then they are
     * delivered in arrival order) or their deadline passes ({@code timeout}). The session stays listed, as away.
     * Idempotent calls lost with their publisher go to another one or wait again.
     */
    HOLD,
    /** Idempotent calls lost with their publisher go to another publisher of the session that is free. */
    REROUTE;

    /** The name on the wire and in LIST: {@code fail}, {@code hold}, {@code reroute}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
