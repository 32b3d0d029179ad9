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
 */
final class FetchWaiters {

    static final class Waiter {
        final Connection fetcher;
        final long req;
        private final AtomicBoolean settled = new AtomicBoolean();
        volatile Timeout timeout;

        Waiter(Connection fetcher, long req) {
            this.fetcher = fetcher;
            this.req = req;
        }

        /** True for the one party that may answer this FETCH. */
        boolean settle() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
            return true;
        }
    }

    private final Map<String, Set<Waiter>> byTicket = new ConcurrentHashMap<>();

    Waiter add(String ticketId, Connection fetcher, long req) {
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
