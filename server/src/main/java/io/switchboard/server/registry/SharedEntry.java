package io.switchboard.server.registry;

import io.switchboard.protocol.message.Register;
import java.util.List;
import java.util.Map;

/**
 * A registry entry as cluster nodes tell each other of it (docs/cluster.md, "The registry across nodes"): a TTL
 * entry (shared by all nodes, stored), or one bound to a connection or server on the sending node.
 *
 * @param ttlMs       0 for an entry that is not a TTL entry
 * @param expiresAtMs a TTL entry's expiry time (milliseconds since the epoch); 0 otherwise
 */
public record SharedEntry(
        String name,
        String instance,
        List<String> endpoints,
        Map<String, String> metadata,
        long ttlMs,
        long expiresAtMs) {

    /** The most characters of an instance id accepted from another node (ours are 22). */
    static final int MAX_INSTANCE_CHARS = 64;

    public boolean hasTtl() {
        return ttlMs > 0;
    }

    /** Why another node's entry is not acceptable (the rules of a REGISTER), or null when it is. */
    public String problem() {
        if (instance == null || instance.isEmpty() || instance.length() > MAX_INSTANCE_CHARS) {
            return "an instance id of 1 to " + MAX_INSTANCE_CHARS + " characters is required";
        }
        if (ttlMs < 0 || expiresAtMs < 0) {
            return "a negative TTL or expiry time";
        }
        return EntryRules.problem(new Register(0, name, endpoints, metadata, hasTtl() ? ttlMs : null, instance));
    }
}
