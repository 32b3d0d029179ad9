package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.protocol.SessionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do, run against each implementation by a subclass: SQLite file, SQLite in memory,
 * PostgreSQL. Every wait has a deadline.
 */
abstract class StoreContractTest {

    static final long WAIT_S = 30;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    Store store;

    /** The settings of a new, empty store. */
    abstract StoreSettings settings();

    /** False for the in-memory store, whose data ends with it. */
    boolean durable() {
        return true;
    }

    private StoreSettings settings;

    @BeforeEach
    void open() {
        settings = settings();
        store = Stores.open(settings);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    void reopen() {
        store.close();
        store = Stores.open(settings);
    }

    static <T> T done(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("write did not complete: " + e, e);
        }
    }

    static TtlRegistration registration(String name, String instance, Instant expiresAt) {
        return registration(name, instance, expiresAt, T0);
    }

    static TtlRegistration registration(String name, String instance, Instant expiresAt, Instant registeredAt) {
        return new TtlRegistration(
                name,
                instance,
                List.of("tcp://h1:7420", "unix:///run/sb.sock"),
                Map.of("zone", "a", "weight", "3"),
                Duration.ofSeconds(30),
                expiresAt,
                registeredAt);
    }

    static TicketCall ticketCall(String id, Instant created) {
        return new TicketCall(id, "orders", "place", new byte[] {1, 2, 3}, "json", created.plusSeconds(30), created);
    }

    static HeldCall heldCall(String id, String alias, long arrival) {
        return new HeldCall(
                id,
                alias,
                "send",
                ("payload " + id).getBytes(),
                "cbor",
                new byte[] {9, 8},
                T0.plusSeconds(60),
                arrival);
    }

    // ---- registry ----

    @Test
    void registrationsRoundTripAndRefreshReplacesByInstance() {
        done(store.saveRegistration(registration("billing", "i-1", T0.plusSeconds(30))));
        done(store.saveRegistration(registration("billing", "i-2", T0.plusSeconds(40))));
        done(store.saveRegistration(registration("billing", "i-1", T0.plusSeconds(90))));

        List<TtlRegistration> all = store.loadRegistrations();
        assertThat(all)
                .containsExactly(
                        registration("billing", "i-1", T0.plusSeconds(90)),
                        registration("billing", "i-2", T0.plusSeconds(40)));
        assertThat(all.get(0).endpoints()).containsExactly("tcp://h1:7420", "unix:///run/sb.sock");
    }

    @Test
    void registrationsLoadInRegistrationOrderWhichARefreshKeeps() {
        // Instance ids are random: the order must come from the registration time, to the microsecond.
        String[] instances = {"i-z", "i-a", "i-m", "i-b"};
        for (int i = 0; i < instances.length; i++) {
            done(store.saveRegistration(registration(
                    "billing", instances[i], T0.plusSeconds(60), T0.plus(i, java.time.temporal.ChronoUnit.MICROS))));
        }
        done(store.saveRegistration(registration("billing", "i-z", T0.plusSeconds(90), T0.plusSeconds(5))));

        assertThat(store.loadRegistrations())
                .extracting(TtlRegistration::instanceId)
                .containsExactly("i-z", "i-a", "i-m", "i-b");
        assertThat(store.loadRegistrations().get(0).registeredAt())
                .as("kept by the refresh")
                .isEqualTo(T0);
    }

    @Test
    void removingOneInstanceLeavesTheOther() {
        done(store.saveRegistration(registration("billing", "i-1", T0)));
        done(store.saveRegistration(registration("billing", "i-2", T0)));

        assertThat(done(store.removeRegistration("i-1"))).isTrue();
        assertThat(done(store.removeRegistration("i-1"))).isFalse();
        assertThat(store.loadRegistrations())
                .extracting(TtlRegistration::instanceId)
                .containsExactly("i-2");
    }

    @Test
    void expiredRegistrationsAreRemovedAtTheirExpiry() {
        done(store.saveRegistration(registration("a", "i-1", T0.plusMillis(999))));
        done(store.saveRegistration(registration("a", "i-2", T0.plusMillis(1000))));
        done(store.saveRegistration(registration("a", "i-3", T0.plusMillis(1001))));

        assertThat(done(store.removeExpiredRegistrations(T0.plusMillis(1000)))).isEqualTo(2);
        assertThat(store.loadRegistrations())
                .extracting(TtlRegistration::instanceId)
                .containsExactly("i-3");
    }

    // ---- tickets ----

    @Test
    void ticketIsPendingThenCompletedOnce() {
        done(store.saveTicket(ticketCall("t-1", T0)));
        Ticket pending = store.findTicket("t-1").orElseThrow();
        assertThat(pending.completed()).isFalse();
        assertThat(pending.call().payload()).containsExactly(1, 2, 3);
        assertThat(pending.call().deadline()).isEqualTo(T0.plusSeconds(30));

        TicketOutcome outcome =
                new TicketOutcome("ok", null, new byte[] {42}, "cbor", T0.plusSeconds(1), T0.plusSeconds(3600));
        assertThat(done(store.completeTicket("t-1", outcome))).isTrue();
        TicketOutcome other =
                new TicketOutcome("timeout", "late", new byte[0], "json", T0.plusSeconds(2), T0.plusSeconds(3600));
        assertThat(done(store.completeTicket("t-1", other)))
                .as("a call ends once")
                .isFalse();

        TicketOutcome stored = store.findTicket("t-1").orElseThrow().outcome().orElseThrow();
        assertThat(stored.code()).isEqualTo("ok");
        assertThat(stored.message()).isNull();
        assertThat(stored.payload()).containsExactly(42);
        assertThat(stored.codec()).isEqualTo("cbor");
        assertThat(stored.completedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.expiresAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void unknownTicketIsEmptyAndCannotBeCompleted() {
        assertThat(store.findTicket("nope")).isEmpty();
        assertThat(done(store.completeTicket("nope", new TicketOutcome("ok", null, new byte[0], "json", T0, T0))))
                .isFalse();
    }

    @Test
    void errorOutcomeKeepsCodeAndMessage() {
        done(store.saveTicket(ticketCall("t-err", T0)));
        done(store.completeTicket(
                "t-err",
                new TicketOutcome(
                        "no-such-session", "orders is not published", new byte[0], "json", T0, T0.plusSeconds(5))));
        TicketOutcome stored = store.findTicket("t-err").orElseThrow().outcome().orElseThrow();
        assertThat(stored.code()).isEqualTo("no-such-session");
        assertThat(stored.message()).isEqualTo("orders is not published");
        assertThat(stored.payload()).isEmpty();
    }

    @Test
    void payloadBytesArePreservedExactly() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        done(store.saveTicket(new TicketCall("t-bytes", "a", "m", all, "msgpack", T0, T0)));
        done(store.saveTicket(new TicketCall("t-empty", "a", "m", new byte[0], "json", T0, T0)));
        assertThat(store.findTicket("t-bytes").orElseThrow().call().payload()).containsExactly(all);
        assertThat(store.findTicket("t-empty").orElseThrow().call().payload()).isEmpty();
    }

    @Test
    void expiredOutcomesAreRemovedPendingTicketsKept() {
        done(store.saveTicket(ticketCall("expired", T0)));
        done(store.saveTicket(ticketCall("fresh", T0.plusSeconds(1))));
        done(store.saveTicket(ticketCall("pending", T0.plusSeconds(2))));
        done(store.completeTicket(
                "expired", new TicketOutcome("ok", null, new byte[0], "json", T0, T0.plusSeconds(10))));
        done(store.completeTicket("fresh", new TicketOutcome("ok", null, new byte[0], "json", T0, T0.plusSeconds(11))));

        assertThat(done(store.removeExpiredTickets(T0.plusSeconds(10)))).isEqualTo(1);
        assertThat(store.findTicket("expired")).isEmpty();
        assertThat(store.findTicket("fresh")).isPresent();
        assertThat(store.findTicket("pending")).isPresent();
        assertThat(store.pendingTickets()).extracting(TicketCall::ticketId).containsExactly("pending");
    }

    @Test
    void pendingTicketsOldestFirst() {
        done(store.saveTicket(ticketCall("b", T0.plusSeconds(2))));
        done(store.saveTicket(ticketCall("a", T0.plusSeconds(1))));
        done(store.saveTicket(ticketCall("c", T0.plusSeconds(3))));
        assertThat(store.pendingTickets()).extracting(TicketCall::ticketId).containsExactly("a", "b", "c");
    }

    @Test
    void duplicateTicketFailsAloneOthersInItsBatchCommit() {
        done(store.saveTicket(ticketCall("dup", T0)));
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(store.saveTicket(ticketCall("ok-" + i, T0)));
            if (i == 25) {
                writes.add(store.saveTicket(ticketCall("dup", T0)));
            }
        }
        int failed = 0;
        for (CompletableFuture<Void> write : writes) {
            try {
                write.get(WAIT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StoreException.class).hasMessageContaining(store.location());
                failed++;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(failed).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            assertThat(store.findTicket("ok-" + i)).as("ok-" + i).isPresent();
        }
    }

    // ---- held calls ----

    @Test
    void heldCallsListedPerAliasInArrivalOrder() {
        done(store.holdCall(heldCall("c3", "mail", 3)));
        done(store.holdCall(heldCall("c1", "mail", 1)));
        done(store.holdCall(heldCall("x2", "sms", 2)));
        done(store.holdCall(heldCall("c4", "mail", 4)));

        List<HeldCall> mail = store.heldCalls("mail");
        assertThat(mail).extracting(HeldCall::callId).containsExactly("c1", "c3", "c4");
        HeldCall first = mail.get(0);
        assertThat(first.payload()).isEqualTo("payload c1".getBytes());
        assertThat(first.meta()).containsExactly(9, 8);
        assertThat(first.codec()).isEqualTo("cbor");
        assertThat(first.deadline()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.heldCalls("sms")).extracting(HeldCall::callId).containsExactly("x2");
        assertThat(store.heldCalls("none")).isEmpty();
        assertThat(store.lastHeldArrival()).isEqualTo(4);
    }

    @Test
    void lastHeldArrivalIsZeroWhenNoneHeld() {
        assertThat(store.lastHeldArrival()).isZero();
    }

    @Test
    void releasingAHeldCallSucceedsExactlyOnce() throws Exception {
        done(store.holdCall(heldCall("once", "mail", 1)));
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await(WAIT_S, TimeUnit.SECONDS);
                    return store.releaseHeldCall("once").get(WAIT_S, TimeUnit.SECONDS);
                }));
            }
            start.countDown();
            int released = 0;
            for (Future<Boolean> result : results) {
                released += result.get(WAIT_S, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(released).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.heldCalls("mail")).isEmpty();
    }

    @Test
    void duplicateHeldCallIdIsRefused() {
        done(store.holdCall(heldCall("c1", "mail", 1)));
        assertThatThrownBy(() -> store.holdCall(heldCall("c1", "mail", 2)).get(WAIT_S, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreException.class);
        assertThat(store.heldCalls("mail")).extracting(HeldCall::arrival).containsExactly(1L);
    }

    // ---- hold sessions ----

    @Test
    void heldSessionDefinitionsSaveReplaceRemove() {
        HeldSessionDefinition mail =
                new HeldSessionDefinition("mail", List.of("send", "status"), List.of("status"), SessionPolicy.HOLD);
        HeldSessionDefinition audit = new HeldSessionDefinition("audit", List.of("log"), List.of(), SessionPolicy.HOLD);
        done(store.saveHeldSession(mail));
        done(store.saveHeldSession(audit));
        assertThat(store.loadHeldSessions()).containsExactly(audit, mail);

        HeldSessionDefinition mail2 = new HeldSessionDefinition("mail", List.of("send"), List.of(), SessionPolicy.HOLD);
        done(store.saveHeldSession(mail2));
        assertThat(store.loadHeldSessions()).containsExactly(audit, mail2);

        assertThat(done(store.removeHeldSession("audit"))).isTrue();
        assertThat(done(store.removeHeldSession("audit"))).isFalse();
        assertThat(store.loadHeldSessions()).containsExactly(mail2);
    }

    // ---- ticket writes: folded and reordered in a batch ----

    @Test
    void anOutcomeQueuedBehindItsTicketIsWrittenInTheTicketsRow() {
        List<Integer> batches = batchSizes();
        TicketOutcome ok = new TicketOutcome("ok", null, new byte[] {42}, "cbor", T0.plusSeconds(1), T0.plusSeconds(9));
        TicketOutcome late = new TicketOutcome("timeout", "late", new byte[0], "json", T0, T0.plusSeconds(9));
        List<CompletableFuture<?>> writes = whileTheWriterIsHeld(() -> List.of(
                store.saveTicket(ticketCall("t-f", T0)),
                store.completeTicket("t-f", ok),
                store.completeTicket("t-f", late)));

        assertThat(done(writes.get(0))).isNull();
        assertThat(done(writes.get(1))).isEqualTo(true);
        assertThat(done(writes.get(2))).as("a call ends once").isEqualTo(false);
        Ticket ticket = store.findTicket("t-f").orElseThrow();
        assertThat(ticket.call()).usingRecursiveComparison().isEqualTo(ticketCall("t-f", T0));
        TicketOutcome stored = ticket.outcome().orElseThrow();
        assertThat(stored.code()).isEqualTo("ok");
        assertThat(stored.message()).isNull();
        assertThat(stored.payload()).containsExactly(42);
        assertThat(stored.codec()).isEqualTo("cbor");
        assertThat(stored.completedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.expiresAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(store.pendingTickets()).extracting(TicketCall::ticketId).containsExactly("blocker");
        // The blocker alone, then the ticket with its outcome as one write and the late outcome's update.
        assertThat(batches).containsExactly(1, 2);
    }

    @Test
    void anOutcomeFoldedIntoAFailedTicketFailsWithIt() {
        done(store.saveTicket(ticketCall("dup", T0)));
        TicketOutcome ok = new TicketOutcome("ok", null, new byte[] {1}, "json", T0, T0.plusSeconds(9));
        List<CompletableFuture<?>> writes = whileTheWriterIsHeld(
                () -> List.of(store.saveTicket(ticketCall("dup", T0)), store.completeTicket("dup", ok)));

        for (CompletableFuture<?> write : writes) {
            assertThatThrownBy(() -> write.get(WAIT_S, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreException.class)
                    .hasMessageContaining(store.location());
        }
        assertThat(store.findTicket("dup").orElseThrow().outcome())
                .as("the first ticket's")
                .isEmpty();
    }

    @Test
    void ticketWritesAreReorderedOnlyBetweenOtherWrites() {
        TicketOutcome expired = new TicketOutcome("ok", null, new byte[0], "json", T0, T0.plusSeconds(10));
        TicketOutcome other = new TicketOutcome("timeout", "late", new byte[0], "json", T0, T0.plusSeconds(99));
        done(store.saveTicket(ticketCall("earlier", T0)));
        List<CompletableFuture<?>> writes = whileTheWriterIsHeld(() -> List.of(
                store.completeTicket("earlier", expired), // an update, queued before the insert below
                store.saveTicket(ticketCall("old", T0)),
                store.completeTicket("old", expired),
                store.removeExpiredTickets(T0.plusSeconds(10)), // must see both, and neither of the next
                store.saveTicket(ticketCall("new", T0)),
                store.completeTicket("new", expired),
                store.completeTicket("old", other)));

        assertThat(done(writes.get(0))).isEqualTo(true);
        assertThat(done(writes.get(3))).isEqualTo(2);
        assertThat(done(writes.get(5))).isEqualTo(true);
        assertThat(done(writes.get(6))).as("removed before this update").isEqualTo(false);
        assertThat(store.findTicket("earlier")).isEmpty();
        assertThat(store.findTicket("old")).isEmpty();
        assertThat(store.findTicket("new").flatMap(Ticket::outcome)).isPresent();
    }

    /**
     * Runs {@code queueing} while the writer is stuck in a transaction of its own (a blocker ticket, committed
     * after), so that everything it queues waits and then runs as one batch.
     */
    private <T> T whileTheWriterIsHeld(java.util.function.Supplier<T> queueing) {
        GroupCommitWriter writer = ((JdbcStore) store).writer();
        java.util.concurrent.locks.Lock lock = writer.transactionLock();
        CompletableFuture<Void> blocker;
        T queued;
        lock.lock();
        try {
            blocker = store.saveTicket(ticketCall("blocker", T0.minusSeconds(1)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (writer.queueDepth() > 0) {
                assertThat(System.nanoTime() - deadline)
                        .as("the writer takes the blocker")
                        .isNegative();
                Thread.onSpinWait();
            }
            queued = queueing.get();
        } finally {
            lock.unlock();
        }
        done(blocker);
        return queued;
    }

    /** The size of each batch the writer commits from now on. */
    private List<Integer> batchSizes() {
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.observe(new WriteObserver() {
            @Override
            public void batchCommitted(int writes) {
                sizes.add(writes);
            }

            @Override
            public void written(long nanos) {}

            @Override
            public void failed() {}
        });
        return sizes;
    }

    // ---- group commit ----

    @Test
    void concurrentWritesShareTransactionsAndAreReadableOnceCompleted() throws Exception {
        int writers = 4;
        int each = 500;
        GroupCommitWriter writer = ((JdbcStore) store).writer();
        long commitsBefore = writer.commits();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int from = w * each;
                done.add(pool.submit(() -> {
                    List<CompletableFuture<Void>> futures = new ArrayList<>();
                    for (int i = from; i < from + each; i++) {
                        futures.add(store.holdCall(heldCall("g" + i, "group", i + 1)));
                    }
                    for (int i = 0; i < futures.size(); i++) {
                        done(futures.get(i));
                    }
                    // Completed means committed: another connection sees it at once.
                    assertThat(store.heldCalls("group"))
                            .extracting(HeldCall::callId)
                            .contains("g" + from, "g" + (from + each - 1));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(WAIT_S * 2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<HeldCall> all = store.heldCalls("group");
        assertThat(all).hasSize(writers * each);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).arrival()).isEqualTo(i + 1);
        }
        long commits = writer.commits() - commitsBefore;
        assertThat(commits).as("transactions for %d writes", writers * each).isLessThan(writers * each);
    }

    @Test
    void writesAfterCloseFail() {
        store.close();
        CompletableFuture<Void> write = store.saveTicket(ticketCall("late", T0));
        assertThatThrownBy(() -> write.get(WAIT_S, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        store = null;
    }

    // ---- durability ----

    @Test
    void everythingSurvivesAReopen() {
        assumeTrue(durable(), "the in-memory store is not durable");
        done(store.saveRegistration(registration("billing", "i-1", T0)));
        done(store.saveTicket(ticketCall("t-1", T0)));
        done(store.completeTicket("t-1", new TicketOutcome("ok", null, new byte[] {7}, "json", T0, T0.plusSeconds(9))));
        done(store.saveTicket(ticketCall("t-2", T0)));
        done(store.holdCall(heldCall("h-1", "mail", 7)));
        HeldSessionDefinition mail = new HeldSessionDefinition("mail", List.of("send"), List.of(), SessionPolicy.HOLD);
        done(store.saveHeldSession(mail));

        reopen();

        assertThat(store.loadRegistrations()).containsExactly(registration("billing", "i-1", T0));
        assertThat(store.findTicket("t-1").flatMap(Ticket::outcome).map(TicketOutcome::payload))
                .hasValueSatisfying(p -> assertThat(p).containsExactly(7));
        assertThat(store.pendingTickets()).extracting(TicketCall::ticketId).containsExactly("t-2");
        assertThat(store.heldCalls("mail")).extracting(HeldCall::callId).containsExactly("h-1");
        assertThat(store.lastHeldArrival()).isEqualTo(7);
        assertThat(store.loadHeldSessions()).containsExactly(mail);
    }

    @Test
    void writesQueuedBeforeCloseAreCommitted() {
        assumeTrue(durable(), "the in-memory store is not durable");
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            writes.add(store.holdCall(heldCall("q" + i, "queued", i + 1)));
        }
        store.close();
        for (CompletableFuture<Void> write : writes) {
            assertThat(write).isCompleted().isNotCompletedExceptionally();
        }
        store = Stores.open(settings);
        assertThat(store.heldCalls("queued")).hasSize(2000);
    }

    @Test
    void unknownTicketAfterReopenStaysUnknown() {
        assumeTrue(durable(), "the in-memory store is not durable");
        reopen();
        assertThat(store.findTicket("t-1")).isEqualTo(Optional.empty());
    }
}
