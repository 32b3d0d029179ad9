package io.switchboard.server.transactions;

import io.switchboard.protocol.message.Xid;
import io.switchboard.server.routing.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One XA branch this server holds in memory: its calls in submit order and where it stands. Guarded by the
 * {@link ResourceManager}'s lock.
 */
final class Branch {

    enum State {
        /** Takes calls; dies with the connection that opened it. */
        ACTIVE,
        /** Its prepare is being stored. */
        PREPARING,
        /** Stored: survives connections and restarts, waits for commit or rollback. */
        PREPARED,
        /** A commit or rollback is on its way; nothing else may touch it. */
        RESOLVING
    }

    final Xid xid;
    /** The connection whose call opened the branch; null for a branch loaded after a restart. */
    final Connection opener;

    final List<PendingCall> calls = new ArrayList<>();
    State state;

    Branch(Xid xid, Connection opener, State state) {
        this.xid = xid;
        this.opener = opener;
        this.state = state;
    }

    /** The user whose calls the branch holds (a branch takes one user's calls); null without authentication. */
    String user() {
        return calls.isEmpty() ? null : calls.get(0).user();
    }

    /** The store's key for the branch. */
    String key() {
        return xid.toString();
    }
}
