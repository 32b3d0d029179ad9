package io.switchboard.server.registry;

/**
 * Told of every change of this node's registry that other cluster nodes must see (docs/cluster.md, "The registry
 * across nodes"): entries registered, renewed, refreshed or removed here. Not told of expiries (every node expires
 * TTL entries by its own timer) nor of changes that came from other nodes. Called inside the name's compute, so the
 * calls for one name come in order; must not block: queue and return.
 */
public interface RegistryReplication {

    /** {@code entry} was added or replaced here (a REGISTER, a renewal, a REFRESH). */
    void put(SharedEntry entry);

    /** The entry {@code instance} of {@code name} was removed here (an UNREGISTER, its connection closing). */
    void removed(String name, String instance);

    /** No cluster. */
    RegistryReplication NONE = new RegistryReplication() {
        @Override
        public void put(SharedEntry entry) {}

        @Override
        public void removed(String name, String instance) {}
    };
}
