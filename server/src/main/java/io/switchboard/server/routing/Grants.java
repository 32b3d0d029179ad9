package io.switchboard.server.routing;

/**
 * What one connection's user may do; fixed at the handshake, asked on every checked request. Implementations are
 * safe on any thread and answer repeated questions in O(1).
 */
public interface Grants {

    /** Without authentication: everything but admin requests. */
    Grants OPEN = new Grants() {
        @Override
        public boolean allows(Permission permission, String name) {
            return true;
        }

        @Override
        public boolean allowsAny(Permission permission) {
            return true;
        }

        @Override
        public boolean admin() {
            return false;
        }

        @Override
        public boolean resolvesEveryXaBranch() {
            return true;
        }

        @Override
        public String user() {
            return null;
        }
    };

    /** Whether the user may do {@code permission} with {@code name} (an alias or a registry name). */
    boolean allows(Permission permission, String name);

    /** Whether the user may do {@code permission} with some name (its allow list is not empty). */
    boolean allowsAny(Permission permission);

    /** Whether the user may SHUTDOWN the server. */
    boolean admin();

    /** Whether the user may read the monitoring port: its monitor permission, or admin. */
    default boolean monitor() {
        return admin();
    }

    /**
     * Whether the user may list, commit and roll back every user's XA branches (the transactions permission, for a
     * transaction manager's recovery user); without it only the branches its own calls are in. Everyone may without
     * authentication.
     */
    default boolean resolvesEveryXaBranch() {
        return false;
    }

    /** The authenticated user's name; null without authentication. */
    String user();
}
