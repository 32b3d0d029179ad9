package io.switchboard.client.internal;

import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Listing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the pages of a list answer (docs/protocol.md, "Paged answers"): LISTINGs with one {@code req}, ENTRIES with
 * one {@code req} and name, each but the last marked {@code more}. Only the whole answer is passed on, so callers
 * never see a page. Used on the connection's event loop only. Bounded: an answer is at most what the server holds,
 * and a connection's pages go when it does.
 */
final class PagedAnswers {

    private final Map<Long, List<Listing.SessionInfo>> listings = new HashMap<>();
    private final Map<String, List<Entries.Entry>> entries = new HashMap<>();

    /** The whole LISTING once {@code page} is its last, else null. */
    Listing listing(Listing page) {
        if (!page.hasMore() && !listings.containsKey(page.req())) {
            return page;
        }
        List<Listing.SessionInfo> sofar = listings.computeIfAbsent(page.req(), req -> new ArrayList<>());
        sofar.addAll(page.sessions());
        if (page.hasMore()) {
            return null;
        }
        listings.remove(page.req());
        return new Listing(page.req(), List.copyOf(sofar));
    }

    /** The whole ENTRIES once {@code page} is its last, else null. */
    Entries entries(Entries page) {
        String key = page.req() + "/" + page.name();
        if (!page.hasMore() && !entries.containsKey(key)) {
            return page;
        }
        List<Entries.Entry> sofar = entries.computeIfAbsent(key, k -> new ArrayList<>());
        sofar.addAll(page.entries());
        if (page.hasMore()) {
            return null;
        }
        entries.remove(key);
        return new Entries(page.req(), page.name(), List.copyOf(sofar));
    }
}
