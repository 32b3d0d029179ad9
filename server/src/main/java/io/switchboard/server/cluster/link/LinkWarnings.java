package io.switchboard.server.cluster.link;

import io.switchboard.server.logging.LogId;
import java.util.EnumMap;
import java.util.Map;

/** The link's warnings, each id at most once a minute (anyone can knock on the port; a dead node fails many calls). */
final class LinkWarnings {

    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final Map<LogId, Long> lastAt = new EnumMap<>(LogId.class);

    /** Whether a warning with {@code id} may be logged now. */
    synchronized boolean allow(LogId id) {
        long now = System.nanoTime();
        Long last = lastAt.get(id);
        if (last != null && now - last < INTERVAL_NANOS) {
            return false;
        }
        lastAt.put(id, now);
        return true;
    }
}
