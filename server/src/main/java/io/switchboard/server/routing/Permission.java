package io.switchboard.server.routing;

/**
 * What a user may do with a name, one per kind of request (docs/security.md, "Permissions", has the table of which
 * request needs which). {@code admin} is not among them: it is a yes or no, not a list of names.
 */
public enum Permission {
    /** PUBLISH and RESCIND of an alias. */
    PUBLISH("publish"),
    /** DELIVER to an alias (plain, async, scatter-gather) and FETCH of a ticket of a call to it. */
    CALL("call"),
    /** LIST (filtered) and SUBSCRIBE of an alias. */
    SUBSCRIBE("subscribe"),
    /** REGISTER, REFRESH and UNREGISTER of a registry name. */
    REGISTER("register"),
    /** RESOLVE and WATCH of a registry name. */
    RESOLVE("resolve"),
    /** PUBLISH of a front door's handler alias, and calls to {@code $lines}. */
    FRONTDOOR_HANDLE("frontdoor-handle");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    /** The name in the users file. */
    public String key() {
        return key;
    }
}
