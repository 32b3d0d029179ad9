package io.switchboard.client.internal;

import io.netty.util.Timeout;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Work waiting for a usable connection, run in the order it was queued. Work made one after another while
 * disconnected must reach the wire in that order (a {@code $lines} user reads sends in it, a hold session keeps
 * calls in it), so it is released by one thread, oldest first, and an item leaves the queue only once its
 * frame is queued on the connection: until then {@link #isEmpty} is false and new work queues behind it.
 *
 * <p>Each item leaves at its deadline at the latest (its owner's timer calls {@link #expire}), and the queue takes
 * at most {@code limit} items: more are refused, rather than kept while the connection stays away.
 */
final class WaitingWork {

    /** One piece of work and the future its caller holds; run or failed exactly once. */
    static final class Item<T> {
        private final Function<Connection, ? extends CompletionStage<T>> work;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile Timeout expiry;

        Item(Function<Connection, ? extends CompletionStage<T>> work) {
            this.work = work;
        }

        CompletableFuture<T> result() {
            return result;
        }

        void expiry(Timeout timeout) {
            this.expiry = timeout;
        }

        /** Runs the work on {@code c}, unless it already expired or failed. */
        void run(Connection c) {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            cancelExpiry();
            CompletionStage<T> stage;
            try {
                stage = work.apply(c);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(Requests.unwrap(failure));
                } else {
                    result.complete(value);
                }
            });
        }

        /** Fails the work with {@code failure}, unless it already ran; true if this call failed it. */
        boolean fail(Throwable failure) {
            if (!claimed.compareAndSet(false, true)) {
                return false;
            }
            cancelExpiry();
            result.completeExceptionally(failure);
            return true;
        }

        private void cancelExpiry() {
            Timeout t = expiry;
            if (t != null) {
                t.cancel();
            }
        }
    }

    private final LinkedHashSet<Item<?>> queue = new LinkedHashSet<>(); // guarded by itself
    private final int limit;
    /** The queue's size, readable without the lock by the callers' fast path. */
    private volatile int size;

    WaitingWork(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** True when nothing waits: only then may new work skip the queue and go straight to the connection. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Queues {@code item} last; false (and not queued) when {@code limit} items already wait. */
    boolean add(Item<?> item) {
        synchronized (queue) {
            if (queue.size() >= limit) {
                return false;
            }
            queue.add(item);
            size = queue.size();
            return true;
        }
    }

    /** Fails {@code item} (at its deadline) and takes it out of the queue, unless it already ran. */
    void expire(Item<?> item, Supplier<? extends Throwable> failure) {
        if (item.fail(failure.get())) {
            remove(item);
        }
    }

    /**
     * Runs the queued work on {@code c}, oldest first, while {@code c} stays usable. Only one thread may run
     * this at a time (the connection manager's event loop): each item stays queued until it has run, so work
     * made meanwhile queues behind it rather than overtaking it.
     */
    void runAll(Connection c) {
        Item<?> item;
        while (c.isUsable() && (item = oldest()) != null) {
            item.run(c);
            remove(item);
        }
    }

    /** Fails everything queued, oldest first. */
    void failAll(Supplier<? extends Throwable> failure) {
        Item<?> item;
        while ((item = oldest()) != null) {
            item.fail(failure.get());
            remove(item);
        }
    }

    private Item<?> oldest() {
        synchronized (queue) {
            Iterator<Item<?>> it = queue.iterator();
            return it.hasNext() ? it.next() : null;
        }
    }

    private void remove(Item<?> item) {
        synchronized (queue) {
            queue.remove(item);
            size = queue.size();
        }
    }
}
