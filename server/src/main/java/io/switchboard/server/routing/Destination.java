package io.switchboard.server.routing;

import io.switchboard.protocol.message.Result;
import java.util.List;

/**
 * Where the calls of one alias go. The publishers connected here are one destination; a {@link SessionKeeper} may
 * supply another (a hold session's queue while its publishers are away; a session on another cluster node), so that
 * the router handles them all alike: check the method, pass the interceptors, {@link #route}.
 */
public interface Destination {

    /** Whether a call may name {@code method}; a call naming another is answered {@code unknown-method}. */
    boolean hasMethod(String method);

    /**
     * Whether calls reach a publisher at once here, rather than wait in a queue. Calls that need a publisher now
     * (async calls, scatter-gather) go only to such destinations: to the local publishers instead, or are answered
     * {@code no-such-session} when there are none.
     */
    default boolean forwardsAtOnce() {
        return true;
    }

    /** The publications behind this destination that a scatter-gather call goes to, each once; none by default. */
    default List<Publication> publications() {
        return List.of();
    }

    /**
     * Takes {@code call}, which then gets exactly one RESULT from whoever answers it.
     *
     * @return null when taken, else the RESULT refusing it, which the router sends (nothing was kept)
     */
    Result route(Call call);
}
