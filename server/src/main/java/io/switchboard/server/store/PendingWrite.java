package io.switchboard.server.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * One write queued for the {@link GroupCommitWriter}: a single SQL statement, its parameters, and how its update
 * count becomes the result. While it waits in the queue a later write may be <em>folded</em> into it (see
 * {@link #fold}): the writer then runs one statement that does both, and completes both futures.
 */
final class PendingWrite<T> {

    /** The state once the writer took the write (or it was refused): nothing may be folded into it any more. */
    private static final Object SEALED = new Object();

    /** A later write done by this write's statement instead of its own. */
    private record Fold<U>(String sql, int rank, ParameterBinder binder, U result, CompletableFuture<U> future) {}

    private final String sql;
    private final int rank;
    private final ParameterBinder binder;
    private final IntFunction<T> result;
    final CompletableFuture<T> future = new CompletableFuture<>();
    /** When it was submitted ({@link System#nanoTime()}): its write latency is measured from here. */
    final long submittedNanos = System.nanoTime();

    /** null while open, {@link #SEALED}, or the {@link Fold} taken on before it was sealed. */
    private final AtomicReference<Object> state = new AtomicReference<>();
    /** The fold, once sealed; read by the thread that sealed it (the writer). */
    private Fold<?> folded;

    int updateCount;

    /** @param rank see {@link WriteOrder}: which queued writes the writer may reorder */
    PendingWrite(String sql, int rank, ParameterBinder binder, IntFunction<T> result) {
        this.sql = sql;
        this.rank = rank;
        this.binder = binder;
        this.result = result;
    }

    /**
     * Folds a later write into this one while it is still queued: from now on this write runs {@code sql} with
     * {@code binder} instead of its own statement, which must do both writes, and the later write's future
     * completes with {@code foldedResult} when this one commits (or fails with it).
     *
     * @return the later write's future; null when the writer has taken this write already, or another write was
     *     folded into it (then the later write must be queued on its own)
     */
    <U> CompletableFuture<U> fold(String foldedSql, int foldedRank, ParameterBinder foldedBinder, U foldedResult) {
        Fold<U> fold = new Fold<>(foldedSql, foldedRank, foldedBinder, foldedResult, new CompletableFuture<>());
        return state.compareAndSet(null, fold) ? fold.future : null;
    }

    /** Closes the write to folds; the writer calls this when it takes the write, before running it. */
    void seal() {
        Object before = state.getAndSet(SEALED);
        if (before instanceof Fold<?> fold) {
            folded = fold;
        }
    }

    /** The statement to run (a fold's, if one was folded in before {@link #seal}). */
    String sql() {
        return folded == null ? sql : folded.sql;
    }

    int rank() {
        return folded == null ? rank : folded.rank;
    }

    ParameterBinder binder() {
        return folded == null ? binder : folded.binder;
    }

    /** Committed: this write's future first, then the folded one's (so their callbacks run in queue order). */
    void complete() {
        seal();
        future.complete(result.apply(updateCount));
        if (folded != null) {
            completeFolded(folded);
        }
    }

    private static <U> void completeFolded(Fold<U> fold) {
        fold.future.complete(fold.result);
    }

    /** Failed (or refused): both futures fail with {@code failure}. */
    void fail(Throwable failure) {
        seal();
        future.completeExceptionally(failure);
        if (folded != null) {
            folded.future.completeExceptionally(failure);
        }
    }
}
