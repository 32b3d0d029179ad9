package io.switchboard.server.cluster.link;

import io.switchboard.server.logging.LogId;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The link's warnings, each id at most once a minute (anyone can knock on the port; a dead node fails many calls). */
final class LinkWarnings {

    private static final Logger log = LoggerFactory.getLogger(NodeLinks.class);
    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final Map<LogId, Long> lastAt = new EnumMap<>(LogId.class);
    private final Map<LogId, Integer> suppressed = new EnumMap<>(LogId.class);

    synchronized void warn(LogId id, String format, Object... args) {
        long now = System.nanoTime();
        Long last = lastAt.get(id);
        if (last != null && now - last < INTERVAL_NANOS) {
            suppressed.merge(id, 1, Integer::sum);
            return;
        }
        lastAt.put(id, now);
        Integer skipped = suppressed.remove(id);
        Object[] all = new Object[args.length + 1];
        all[0] = id;
        System.arraycopy(args, 0, all, 1, args.length);
        log.warn("{} " + format + (skipped == null ? "" : " (" + skipped + " more like it in the last minute)"), all);
    }
}
