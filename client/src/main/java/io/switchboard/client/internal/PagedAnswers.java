package io.switchboard.client.internal;

import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Listing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the pages of a list answer (docs/protocol.md, "Paged answers"): LISTINGs with one {@code req}, ENTRIES with
 * one {@code req} and name, each but the last marked {@code more}. Only the whole answer is passed on, so callers
 * never see a page. Used on the connection's event loop only.
 *
 * <p>Bounded by {@code maxListBytes} over every answer still arriving on the connection, so a broken or hostile
 * server cannot grow the client's memory with pages that never end (or with many answers that never end). The page
 * that would pass the limit ends its answer: what was held for it is dropped, the answer is refused (see
 * {@link Joined}), and the rest of its pages are read and dropped until its last one (for the latest
 * {@link #MAX_REFUSED} refused answers; an older one's pages would be refused again).
 */
final class PagedAnswers {

    /** Counted for each answer being joined, so endless empty pages under fresh ids are bounded too. */
    static final int ANSWER_OVERHEAD = 64;

    /** Counted for each item and each string of an item, on top of the strings' characters. */
    static final int ITEM_OVERHEAD = 16;

    /** What a page led to: the whole answer, nothing yet, or the refusal of an answer over the limit. */
    record Joined<T>(T answer, String refusal) {
        static <T> Joined<T> pending() {
            return new Joined<>(null, null);
        }

        boolean refused() {
            return refusal != null;
        }
    }

    /** One answer being joined. */
    private static final class Partial<T> {
        final List<T> items = new ArrayList<>();
        long bytes;
    }

    /** The most refused answers whose remaining pages are remembered (to drop them); the oldest are forgotten. */
    static final int MAX_REFUSED = 1024;

    private final long maxBytes;
    private final Map<Long, Partial<Listing.SessionInfo>> listings = new HashMap<>();
    private final Map<String, Partial<Entries.Entry>> entries = new HashMap<>();
    /** Answers refused while their pages still come (LISTING by req, ENTRIES by req/name): those pages are dropped. */
    private final Map<Object, Boolean> refused = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
            return size() > MAX_REFUSED;
        }
    };
    /** Bytes held over all answers being joined, as counted by {@link #weigh}. */
    private long held;

    PagedAnswers(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The whole LISTING once {@code page} is its last; its refusal when it passed the limit; else nothing yet. */
    Joined<Listing> listing(Listing page) {
        if (!page.hasMore() && !listings.containsKey(page.req()) && !refused.containsKey(page.req())) {
            return new Joined<>(page, null);
        }
        long bytes = 0;
        for (Listing.SessionInfo s : page.sessions()) {
            bytes += ITEM_OVERHEAD + weigh(s.alias()) + weigh(s.methods()) + weigh(s.idempotent());
        }
        Joined<List<Listing.SessionInfo>> joined =
                join(listings, page.req(), page.sessions(), bytes, page.hasMore(), "LISTING of request " + page.req());
        if (joined.answer() == null) {
            return new Joined<>(null, joined.refusal());
        }
        return new Joined<>(new Listing(page.req(), joined.answer()), null);
    }

    /** The whole ENTRIES once {@code page} is its last; its refusal when it passed the limit; else nothing yet. */
    Joined<Entries> entries(Entries page) {
        String key = page.req() + "/" + page.name();
        if (!page.hasMore() && !entries.containsKey(key) && !refused.containsKey(key)) {
            return new Joined<>(page, null);
        }
        long bytes = 0;
        for (Entries.Entry e : page.entries()) {
            bytes += ITEM_OVERHEAD + weigh(e.id()) + weigh(e.endpoints());
            if (e.metadata() != null) {
                for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                    bytes += weigh(m.getKey()) + weigh(m.getValue());
                }
            }
        }
        String what = "ENTRIES of '" + page.name() + "'" + (page.req() == 0 ? "" : " for request " + page.req());
        Joined<List<Entries.Entry>> joined = join(entries, key, page.entries(), bytes, page.hasMore(), what);
        if (joined.answer() == null) {
            return new Joined<>(null, joined.refusal());
        }
        return new Joined<>(new Entries(page.req(), page.name(), joined.answer()), null);
    }

    /** Bytes held now for answers still arriving. */
    long heldBytes() {
        return held;
    }

    private <K, T> Joined<List<T>> join(
            Map<K, Partial<T>> partials, K key, List<T> items, long bytes, boolean more, String what) {
        if (refused.containsKey(key)) {
            // Refused already: its pages are dropped until the last one.
            if (!more) {
                refused.remove(key);
            }
            return Joined.pending();
        }
        Partial<T> partial = partials.get(key);
        long adding = bytes + (partial == null ? ANSWER_OVERHEAD : 0);
        if (held + adding > maxBytes) {
            if (partial != null) {
                partials.remove(key);
                held -= partial.bytes;
            }
            if (more) {
                refused.put(key, Boolean.TRUE);
            }
            return new Joined<>(
                    null,
                    "the " + what + " is larger than maxListBytes (" + maxBytes
                            + " bytes, counted over every list answer still arriving on the connection); "
                            + "its pages were dropped");
        }
        if (partial == null) {
            partial = new Partial<>();
            partials.put(key, partial);
        }
        partial.items.addAll(items);
        partial.bytes += adding;
        held += adding;
        if (more) {
            return Joined.pending();
        }
        partials.remove(key);
        held -= partial.bytes;
        return new Joined<>(List.copyOf(partial.items), null);
    }

    private static long weigh(String s) {
        return s == null ? 0 : ITEM_OVERHEAD + s.length();
    }

    private static long weigh(List<String> strings) {
        if (strings == null) {
            return 0;
        }
        long bytes = 0;
        for (String s : strings) {
            bytes += weigh(s);
        }
        return bytes;
    }
}
