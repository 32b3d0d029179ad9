package io.switchboard.jca.adapter;

import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The physical connections a connection definition's managed connections share ({@code sharedConnections} &gt; 0):
 * at most that many per identity, each used by any number of managed connections. Only managed connections of the
 * same identity share: the same credentials under the same validated settings (which hold the TLS settings and the
 * server URLs), so one user's connection never carries another's requests.
 *
 * <p>{@link #acquire} opens a new link while an identity has fewer usable links than the limit, and otherwise hands
 * out the one with the fewest users. A link that is lost stays with its users until each releases it (the container
 * destroys them on their CONNECTION_ERROR_OCCURRED); it is never handed out again.
 */
final class SharedLinks {

    /** Opens a new physical connection, held by its first user. */
    @FunctionalInterface
    interface Opener {
        PhysicalLink open() throws ResourceException;
    }

    /** Who may share: settings compare by identity, so changed properties never share with the old ones. */
    private record Identity(Credentials credentials, ConnectionSettings settings) {}

    private final Map<Identity, Links> byIdentity = new ConcurrentHashMap<>();

    /**
     * A link for one more managed connection of {@code credentials}: retained for it, to be released with {@link
     * PhysicalLink#release} when it is destroyed.
     *
     * @param maxLinks at most this many usable links for the identity (at least 1)
     */
    PhysicalLink acquire(Credentials credentials, ConnectionSettings settings, int maxLinks, Opener opener)
            throws ResourceException {
        if (maxLinks < 1) {
            throw new java.lang.IllegalArgumentException("maxLinks must be at least 1, was " + maxLinks);
        }
        // Identities whose links are all gone are dropped, so the map holds only identities in use.
        byIdentity.values().removeIf(Links::retireIfUnused);
        Identity identity = new Identity(credentials, settings);
        while (true) {
            Links links = byIdentity.computeIfAbsent(identity, key -> new Links());
            PhysicalLink link = links.acquire(maxLinks, opener);
            if (link != null) {
                return link;
            }
            byIdentity.remove(identity, links); // retired in between: take a fresh one
        }
    }

    /** Identities holding at least one link (usable or not), for tests and diagnostics. */
    int identities() {
        return byIdentity.size();
    }

    /** The usable links of {@code credentials} now, for tests and diagnostics. */
    int usableLinks(Credentials credentials, ConnectionSettings settings) {
        Links links = byIdentity.get(new Identity(credentials, settings));
        return links == null ? 0 : links.usable();
    }

    /** One identity's links. Opening happens under its lock: other requests of that identity wait for it. */
    private static final class Links {
        private final List<PhysicalLink> links = new ArrayList<>();
        /** Dropped from the map: hands out nothing more. */
        private boolean retired;

        /** A retained link; null once retired. */
        synchronized PhysicalLink acquire(int maxLinks, Opener opener) throws ResourceException {
            if (retired) {
                return null;
            }
            links.removeIf(link -> !link.isUsable());
            while (links.size() >= maxLinks) {
                PhysicalLink least = leastUsed();
                if (least.retain()) {
                    return least;
                }
                links.remove(least); // its last user released it in between
            }
            PhysicalLink opened = opener.open();
            links.add(opened);
            return opened;
        }

        private PhysicalLink leastUsed() {
            PhysicalLink least = links.get(0);
            for (PhysicalLink link : links) {
                if (link.references() < least.references()) {
                    least = link;
                }
            }
            return least;
        }

        /** Retires these links when no user holds any of them any more (a link's last release closes it). */
        synchronized boolean retireIfUnused() {
            links.removeIf(link -> link.references() == 0);
            retired = links.isEmpty();
            return retired;
        }

        synchronized int usable() {
            return (int) links.stream().filter(PhysicalLink::isUsable).count();
        }
    }
}
