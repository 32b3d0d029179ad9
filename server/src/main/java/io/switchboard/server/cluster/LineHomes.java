package io.switchboard.server.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jgroups.Address;

/**
 * Where lines live, as far as this node learned it: the node that sent a line's events here, or that answered a
 * {@code $lines} call about it. A {@code $lines} call about a line not open here goes straight to its home; without
 * one, every other member is asked. Bounded: the least recently used of {@value #MAX_LINES} entries goes first.
 */
final class LineHomes {

    static final int MAX_LINES = 100_000;

    private final Map<String, Address> homes = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Address> eldest) {
            return size() > MAX_LINES;
        }
    };

    synchronized void learned(String line, Address home) {
        homes.put(line, home);
    }

    synchronized Address home(String line) {
        return homes.get(line);
    }

    synchronized void forget(String line) {
        homes.remove(line);
    }

    synchronized int size() {
        return homes.size();
    }
}
