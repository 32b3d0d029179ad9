package io.switchboard.server.routing;

import io.switchboard.protocol.message.CallMeta;
import io.switchboard.server.store.HeldSessionDefinition;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * What routing needs from the keeper of {@code hold} sessions (io.switchboard.server.held): their kept definitions,
 * and a place for calls that must wait for a publisher. Installed once at start; {@link #NONE} holds nothing.
 */
public interface Holding {

    /** The kept definition of the hold session {@code alias}, published now or not; null when there is none. */
    HeldSessionDefinition definition(String alias);

    /** Every kept definition (LIST shows those without publishers as away). */
    Collection<HeldSessionDefinition> definitions();

    /** Keeps (or replaces) the definition durably; completes once it is committed. */
    CompletableFuture<Void> define(HeldSessionDefinition definition);

    /**
     * Forgets the definition only (the session is published now with another policy); calls still waiting stay
     * and go to the new publishers. Completes once the removal is committed.
     */
    CompletableFuture<Void> forgetDefinition(String alias);

    /** Whether calls of {@code alias} are waiting: a new call must then queue behind them, to keep arrival order. */
    boolean hasWaiting(String alias);

    /**
     * Keeps a call durably until a publisher of its alias can take it or its deadline passes; the caller gets its
     * RESULT from the publisher, or {@code timeout}.
     *
     * @param arrival the call's place in its alias's order: 0 for a new call, or the place a call already had (an
     *                idempotent call held again after its publisher was lost goes back to where it was)
     */
    void hold(
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos,
            long arrival);

    /** A publisher of {@code alias} appeared or has room again: forward what waits, oldest first. */
    void drain(String alias);

    /** Holds nothing: no session is a hold session. */
    Holding NONE = new Holding() {
        @Override
        public HeldSessionDefinition definition(String alias) {
            return null;
        }

        @Override
        public Collection<HeldSessionDefinition> definitions() {
            return java.util.List.of();
        }

        @Override
        public CompletableFuture<Void> define(HeldSessionDefinition definition) {
            return CompletableFuture.failedFuture(new IllegalStateException("this server keeps no hold sessions"));
        }

        @Override
        public CompletableFuture<Void> forgetDefinition(String alias) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean hasWaiting(String alias) {
            return false;
        }

        @Override
        public void hold(
                Caller caller,
                long callerId,
                String alias,
                String method,
                CallMeta meta,
                byte[] payload,
                long deadlineNanos,
                long arrival) {
            throw new IllegalStateException("this server keeps no held calls");
        }

        @Override
        public void drain(String alias) {}
    };
}
