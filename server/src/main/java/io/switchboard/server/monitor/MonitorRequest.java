package io.switchboard.server.monitor;

import java.util.List;
import java.util.Map;

/** One HTTP request as an endpoint sees it: its path and query parameters (the body is never read). */
public record MonitorRequest(String path, Map<String, List<String>> params) {

    /** The single value of query parameter {@code name}; null when absent. Repeating it is a bad request. */
    public String param(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequest("query parameter '" + name + "' is given " + values.size() + " times");
        }
        return values.get(0);
    }

    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** A whole number parameter within {@code min..max}, else {@code fallback} when absent. */
    public long number(String name, long fallback, long min, long max) {
        String value = param(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, not '" + Json.printable(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw new BadRequest(name + " must be " + min + ".." + max + ", was " + parsed);
        }
        return parsed;
    }
}
