package io.switchboard.server.routing;

import io.switchboard.protocol.SessionPolicy;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The seam for a feature that keeps sessions, and their calls, beyond the publishers connected now: {@code hold}
 * sessions (io.switchboard.server.held), wrapped by the cluster's keeper for sessions on other nodes. Routing asks it
 * and otherwise knows nothing of it. Installed once at start; {@link #NONE} keeps nothing.
 */
public interface SessionKeeper {

    /**
     * Where the calls of {@code alias} go instead of its local publishers, if anywhere: a hold session's queue while
     * nobody publishes it, or while calls wait ahead (arrival order). Asked for every call; must be cheap.
     *
     * @param published whether local publishers exist
     * @return the destination, or null for the local publishers (or {@code no-such-session} when there are none)
     */
    Destination destination(String alias, boolean published);

    /** The kept definition of {@code alias} (published now or not), or null. */
    SessionDefinition kept(String alias);

    /** The kept definitions; those nobody publishes now are listed (and subscribed to) as away. */
    Collection<SessionDefinition> keptSessions();

    /**
     * A PUBLISH was accepted by the directory; its ACK waits for the returned stage. A failed stage withdraws the
     * publication and answers the PUBLISH with an error.
     */
    CompletableFuture<Void> published(SessionDefinition session);

    /**
     * The publisher of an idempotent call of a session with policy {@code policy} was lost, and no other publisher
     * could take the call now.
     *
     * @return true when the keeper took the call (it now answers it), false for {@code publisher-lost}
     */
    boolean publisherLost(Call call, SessionPolicy policy);

    /** A publisher of {@code alias} appeared or finished a call: calls the keeper holds for it may go now. */
    void capacityFreed(String alias);

    /** Keeps nothing. */
    SessionKeeper NONE = new SessionKeeper() {
        @Override
        public Destination destination(String alias, boolean published) {
            return null;
        }

        @Override
        public SessionDefinition kept(String alias) {
            return null;
        }

        @Override
        public Collection<SessionDefinition> keptSessions() {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> published(SessionDefinition session) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean publisherLost(Call call, SessionPolicy policy) {
            return false;
        }

        @Override
        public void capacityFreed(String alias) {}
    };
}
