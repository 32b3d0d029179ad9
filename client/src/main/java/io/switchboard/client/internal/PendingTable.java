package io.switchboard.client.internal;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.switchboard.protocol.message.Message;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Requests of one connection waiting for their answer, by correlation id. Every entry has a deadline timer,
 * so an answer the server never sends still ends the wait (shortly after the deadline, by {@code grace}).
 */
public final class PendingTable {

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Timer timer;
    private final long graceNanos;

    public PendingTable(Timer timer, long graceNanos) {
        this.timer = timer;
        this.graceNanos = graceNanos;
    }

    private static final class Pending {
        final CompletableFuture<Message> future = new CompletableFuture<>();
        volatile Timeout timeout;
    }

    /**
     * Registers {@code id}; the future completes with the answer, or fails with {@code onExpiry}'s exception
     * once {@code deadlineNanos} (a {@link System#nanoTime()} value) plus the grace has passed.
     */
    public CompletableFuture<Message> register(long id, long deadlineNanos, Supplier<RuntimeException> onExpiry) {
        Pending p = new Pending();
        if (pending.putIfAbsent(id, p) != null) {
            throw new IllegalStateException("request id " + id + " is already pending");
        }
        long delay = Math.max(0, deadlineNanos - System.nanoTime()) + graceNanos;
        p.timeout = timer.newTimeout(
                t -> {
                    if (pending.remove(id, p)) {
                        p.future.completeExceptionally(onExpiry.get());
                    }
                },
                delay,
                TimeUnit.NANOSECONDS);
        return p.future;
    }

    /** @return false when nothing waits for {@code id} (expired, or never ours) */
    public boolean complete(long id, Message answer) {
        Pending p = pending.remove(id);
        if (p == null) {
            return false;
        }
        cancel(p);
        p.future.complete(answer);
        return true;
    }

    /** @return false when nothing waits for {@code id} (expired, or never ours) */
    public boolean fail(long id, Throwable failure) {
        Pending p = pending.remove(id);
        if (p == null) {
            return false;
        }
        cancel(p);
        p.future.completeExceptionally(failure);
        return true;
    }

    /** Fails every pending request; used when the connection is gone. */
    public void failAll(Supplier<? extends Throwable> failure) {
        for (Long id : pending.keySet()) {
            fail(id, failure.get());
        }
    }

    private static void cancel(Pending p) {
        Timeout t = p.timeout;
        if (t != null) {
            t.cancel();
        }
    }

    public int size() {
        return pending.size();
    }
}
