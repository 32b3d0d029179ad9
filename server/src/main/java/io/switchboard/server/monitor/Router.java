package io.switchboard.server.monitor;

import java.util.Map;
import java.util.TreeMap;

/** Path to route: exact paths only, no patterns. */
final class Router {

    private final Map<String, Route> routes = new TreeMap<>();

    Router add(String path, Route route) {
        if (routes.putIfAbsent(path, route) != null) {
            throw new IllegalArgumentException("two routes for " + path);
        }
        return this;
    }

    /** The route of {@code path}; null when there is none. */
    Route find(String path) {
        return routes.get(path);
    }
}
