package io.switchboard.server.frontdoor;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One front door's limits per IP address, which outlive the address's connections: how many it has open
 * ({@code max-lines-per-address}) and one token bucket for all its inputs and new connections
 * ({@code max-input-rate-per-address}), so reconnecting does not refill it. Any thread.
 *
 * <p>Bounded: an address is remembered while it has a connection open or its bucket is not full again (a full
 * bucket remembers nothing), at most {@link #MAX_ADDRESSES} of them; a sweep forgets the others once the map has
 * doubled since the last one, so the cost per connection stays O(1) on average.
 */
final class AddressLimits {

    /** Addresses remembered at most; beyond, idle ones are forgotten even with a bucket not yet full. */
    static final int MAX_ADDRESSES = 100_000;

    private static final int FIRST_SWEEP = 1024;

    private final int maxOpen;
    private final int perSecond;
    private final ConcurrentHashMap<InetAddress, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger sweepAt = new AtomicInteger(FIRST_SWEEP);

    private static final class Entry {
        int open;
        final InputRate bucket;

        Entry(int perSecond) {
            this.bucket = perSecond > 0 ? new InputRate(perSecond) : null;
        }

        /** Whether forgetting it loses nothing. Under the entry's lock. */
        boolean forgettable() {
            return open == 0 && (bucket == null || bucket.isFull());
        }
    }

    AddressLimits(int maxOpen, int perSecond) {
        this.maxOpen = maxOpen;
        this.perSecond = perSecond;
    }

    private boolean off() {
        return maxOpen == 0 && perSecond == 0;
    }

    /**
     * A connection from {@code address} opens: null when it may (it then holds a place until {@link #closed}),
     * else why not (it holds nothing).
     */
    CloseReason open(InetAddress address) {
        if (off()) {
            return null;
        }
        if (entries.size() >= sweepAt.get()) {
            sweep();
        }
        if (entries.size() >= MAX_ADDRESSES && !entries.containsKey(address)) {
            return CloseReason.TOO_MANY_LINES;
        }
        CloseReason[] refusal = new CloseReason[1];
        entries.compute(address, (key, existing) -> {
            Entry entry = existing != null ? existing : new Entry(perSecond);
            synchronized (entry) {
                if (maxOpen > 0 && entry.open >= maxOpen) {
                    refusal[0] = CloseReason.TOO_MANY_LINES_FROM_ADDRESS;
                } else if (entry.bucket != null && !entry.bucket.tryTake()) {
                    refusal[0] = CloseReason.ADDRESS_RATE_EXCEEDED;
                } else {
                    entry.open++;
                }
                return entry.forgettable() ? null : entry;
            }
        });
        return refusal[0];
    }

    /** A connection that {@link #open} let in closed. */
    void closed(InetAddress address) {
        if (off()) {
            return;
        }
        entries.computeIfPresent(address, (key, entry) -> {
            synchronized (entry) {
                entry.open--;
                return entry.forgettable() ? null : entry;
            }
        });
    }

    /** One input from {@code address}: false when the address sends faster than its rate. */
    boolean tryInput(InetAddress address) {
        if (perSecond == 0) {
            return true;
        }
        Entry entry = entries.get(address);
        if (entry == null) {
            return true; // not let in through open(): nothing to charge
        }
        synchronized (entry) {
            return entry.bucket.tryTake();
        }
    }

    /** Addresses remembered now. */
    int size() {
        return entries.size();
    }

    private void sweep() {
        // Per key and atomic, so an entry a connection just took is never forgotten.
        for (InetAddress address : entries.keySet()) {
            entries.computeIfPresent(address, (key, entry) -> {
                synchronized (entry) {
                    return entry.forgettable() ? null : entry;
                }
            });
        }
        if (entries.size() >= MAX_ADDRESSES) {
            // Under a flood of addresses, forget the idle ones' rates rather than refuse newcomers.
            for (InetAddress address : entries.keySet()) {
                entries.computeIfPresent(address, (key, entry) -> {
                    synchronized (entry) {
                        return entry.open == 0 ? null : entry;
                    }
                });
            }
        }
        sweepAt.set(Math.max(FIRST_SWEEP, 2 * entries.size()));
    }
}
