package io.switchboard.server.tickets;

import io.netty.util.Timeout;
import io.switchboard.server.routing.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * FETCHes waiting for a ticket's call to end, by ticket. Each is answered exactly once: by the outcome when it is
 * stored, by what the store holds, or {@code pending} when its wait is over; {@link Waiter#settle()} decides who.
 * One connection may have at most {@code maxPerConnection} waiting (config {@code max-waiting-fetches}).
 */
final class FetchWaiters {

    final class Waiter {
        final Connection fetcher;
        final long req;
        private final AtomicBoolean settled = new AtomicBoolean();
        volatile Timeout timeout;

        Waiter(Connection fetcher, long req) {
            this.fetcher = fetcher;
            this.req = req;
        }

        /** True for the one party that may answer this FETCH; it no longer counts against its connection. */
        boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            waitingPer.computeIfPresent(fetcher, (c, n) -> n == 1 ? null : n - 1);
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
            return true;
        }
    }

    private final Map<String, Set<Waiter>> byTicket = new ConcurrentHashMap<>();
    /** How many FETCHes each connection has waiting; a connection with none has no entry. */
    private final Map<Connection, Integer> waitingPer = new ConcurrentHashMap<>();

    private final int maxPerConnection;

    FetchWaiters(int maxPerConnection) {
        this.maxPerConnection = maxPerConnection;
    }

    /** Registers a waiting FETCH; null when {@code fetcher} has {@code maxPerConnection} waiting already. */
    Waiter add(String ticketId, Connection fetcher, long req) {
        boolean[] admitted = {false};
        waitingPer.compute(fetcher, (c, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerConnection) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            return null;
        }
        Waiter waiter = new Waiter(fetcher, req);
        byTicket.computeIfAbsent(ticketId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    void remove(String ticketId, Waiter waiter) {
        byTicket.computeIfPresent(ticketId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** The FETCHes waiting for {@code ticketId}, no longer registered. */
    List<Waiter> takeAll(String ticketId) {
        Set<Waiter> waiters = byTicket.remove(ticketId);
        return waiters == null ? List.of() : List.copyOf(waiters);
    }
}
