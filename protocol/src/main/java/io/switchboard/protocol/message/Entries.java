package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;
import java.util.Map;

/**
 * Server to client: every entry of {@code name}, oldest registration first. The answer to RESOLVE or WATCH carries
 * its {@code req}; the notifications of a WATCH carry {@code req} 0 and the whole new list. A list too large for one
 * frame comes as several ENTRIES, each but the last with {@code more} true.
 */
public record Entries(long req, String name, List<Entry> entries, Boolean more) implements Message {

    /** A complete list in one frame. */
    public Entries(long req, String name, List<Entry> entries) {
        this(req, name, entries, null);
    }

    /** Whether pages of this list follow (same {@code req} and {@code name}); the entries are their concatenation. */
    public boolean hasMore() {
        return Boolean.TRUE.equals(more);
    }

    /**
     * One registrant of the name. Instance ids are never shown: they are the registrant's key.
     *
     * @param id        the entry's public id, stable while it lives (across server restarts for TTL entries)
     * @param endpoints the registrant's URLs, in its order of preference
     * @param metadata  its strings; empty for none
     * @param ttlMs     its time to live; absent for a connection-bound entry
     */
    public record Entry(String id, List<String> endpoints, Map<String, String> metadata, Long ttlMs) {}

    @Override
    public FrameType frameType() {
        return FrameType.ENTRIES;
    }
}
