package io.switchboard.server.routing;

import java.util.Collection;
import java.util.List;

/**
 * The sessions other nodes of a cluster publish, as LIST and SUBSCRIBE show them (docs/cluster.md, "LIST and
 * SUBSCRIBE across nodes"). Installed once at start; {@link #NONE} without a cluster. The cluster tells the
 * directory of changes through {@link SessionDirectory#remoteChanged(String)}.
 */
public interface RemoteSessions {

    /**
     * One alias as published on other nodes.
     *
     * @param definition its methods, idempotent methods and policy (one node's, when they disagree)
     * @param publishers its publishers on all other nodes together
     */
    record RemoteSession(SessionDefinition definition, int publishers) {}

    /** The alias as other nodes publish it, or null when none does. */
    RemoteSession find(String alias);

    /** Every alias other nodes publish. */
    Collection<RemoteSession> all();

    /** No other nodes. */
    RemoteSessions NONE = new RemoteSessions() {
        @Override
        public RemoteSession find(String alias) {
            return null;
        }

        @Override
        public Collection<RemoteSession> all() {
            return List.of();
        }
    };
}
