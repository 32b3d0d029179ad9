package io.switchboard.server.monitor;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * Where a path goes: its method, who may use it, the query parameters it takes, and whether it runs on the
 * monitoring executor (anything that may block or walks many objects) rather than on the event loop.
 */
record Route(HttpMethod method, Access access, Set<String> params, boolean offLoop, Endpoint endpoint) {

    /** Who may use a route when auth-users is set (without it, everyone who reaches the port). */
    enum Access {
        /** Nobody needs credentials: /healthz, for probes (it says no more than status and reason). */
        OPEN,
        /** A user with the monitor or the admin permission. */
        MONITOR,
        /** A user with the admin permission. */
        ADMIN
    }

    static Route get(String... params) {
        return new Route(HttpMethod.GET, Access.MONITOR, Set.of(params), true, null);
    }

    Route to(Endpoint endpoint) {
        return new Route(method, access, params, offLoop, endpoint);
    }

    Route access(Access access) {
        return new Route(method, access, params, offLoop, endpoint);
    }

    Route onLoop() {
        return new Route(method, access, params, false, endpoint);
    }

    static Route post(String... params) {
        return new Route(HttpMethod.POST, Access.ADMIN, Set.of(params), true, null);
    }
}
