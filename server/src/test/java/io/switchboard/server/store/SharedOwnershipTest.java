package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store's side of a cluster's shared durable state on a real PostgreSQL: epochs from the store's counter, rows
 * owned by an epoch, takeover by compare-and-set, and the fence that stops a node whose rows were taken over.
 */
class SharedOwnershipTest {

    private static final Instant LATER = Instant.now().plus(1, ChronoUnit.HOURS);

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static HeldCall held(String id, long arrival) {
        return new HeldCall(
                id, "inv", "reserve", "1".getBytes(StandardCharsets.UTF_8), "json", "{}".getBytes(), LATER, arrival);
    }

    private static TicketCall ticket(String id) {
        return new TicketCall(id, "inv", "reserve", "1".getBytes(StandardCharsets.UTF_8), "json", LATER, Instant.now());
    }

    @Test
    void epochsAreFreshForEveryJoinAndGrowAcrossRestarts() throws Exception {
        StoreSettings db = TestPostgres.freshDatabase();
        long first;
        long second;
        try (Store a = Stores.open(db);
                Store b = Stores.open(db)) {
            first = a.takeEpoch("node-a");
            second = b.takeEpoch("node-b");
            assertThat(first).isPositive();
            assertThat(second).isNotEqualTo(first);
            assertThat(a.ownerEpoch()).isEqualTo(first);
        }
        try (Store again = Stores.open(db)) {
            assertThat(again.takeEpoch("node-a")).isGreaterThan(Math.max(first, second));
        }
    }

    @Test
    void eachNodeLoadsOnlyItsOwnRowsAndOneSurvivorTakesAGoneNodesRowsOver() throws Exception {
        StoreSettings db = TestPostgres.freshDatabase();
        try (Store a = Stores.open(db);
                Store b = Stores.open(db);
                Store c = Stores.open(db)) {
            long ea = a.takeEpoch("node-a");
            long eb = b.takeEpoch("node-b");
            long ec = c.takeEpoch("node-c");
            a.nodeAddress(ea, "addr-a");
            b.nodeAddress(eb, "addr-b");
            c.nodeAddress(ec, "addr-c");
            get(a.holdCall(held("h1", 1)));
            get(a.holdCall(held("h2", 2)));
            get(a.markDelivering("h1"));
            get(a.saveTicket(ticket("t1")));
            get(b.holdCall(held("h3", 3)));

            assertThat(a.heldCalls("inv")).extracting(HeldCall::callId).containsExactly("h1", "h2");
            assertThat(b.heldCalls("inv")).extracting(HeldCall::callId).containsExactly("h3");
            assertThat(c.heldCalls("inv")).isEmpty();
            assertThat(b.pendingTickets()).isEmpty();
            assertThat(a.pendingTickets()).extracting(TicketCall::ticketId).containsExactly("t1");

            // a is gone from the view; b and c both try: exactly one wins each row.
            Takeover byB = b.takeOver(id -> !id.equals("addr-a"));
            Takeover byC = c.takeOver(id -> !id.equals("addr-a"));
            assertThat(byB.epochs()).contains(ea);
            assertThat(byB.held()).extracting(HeldCall::callId).containsExactly("h1", "h2");
            assertThat(byB.held().get(0).delivering()).isTrue();
            assertThat(byB.held().get(1).delivering()).isFalse();
            assertThat(byB.tickets()).extracting(TicketCall::ticketId).containsExactly("t1");
            assertThat(byC.isEmpty()).isTrue();
            assertThat(b.heldCalls("inv")).extracting(HeldCall::callId).containsExactly("h1", "h2", "h3");

            // The fence: a's late writes on its old rows fail.
            assertThat(get(a.markDelivering("h2"))).isFalse();
            assertThat(get(a.releaseHeldCall("h2"))).isFalse();
            assertThat(get(a.completeTicket("t1", outcome()))).isFalse();
            assertThat(a.heldCalls("inv")).isEmpty();
            // ... while the new owner's succeed.
            assertThat(get(b.markDelivering("h2"))).isTrue();
            assertThat(get(b.completeTicket("t1", outcome()))).isTrue();
            assertThat(get(b.releaseHeldCall("h2"))).isTrue();

            // Gone nodes are taken over once: a second look finds nothing.
            assertThat(b.takeOver(id -> !id.equals("addr-a")).isEmpty()).isTrue();
        }
    }

    @Test
    void aSingleServersUnownedRowsAreAdoptedByTheFirstClusterNode() throws Exception {
        StoreSettings db = TestPostgres.freshDatabase();
        try (Store single = Stores.open(db)) {
            assertThat(single.ownerEpoch()).isZero();
            get(single.holdCall(held("old", 7)));
            assertThat(single.heldCalls("inv")).hasSize(1);
        }
        try (Store node = Stores.open(db)) {
            node.nodeAddress(node.takeEpoch("node-a"), "addr-a");
            assertThat(node.heldCalls("inv")).isEmpty();
            assertThat(node.takeOver(id -> true).held())
                    .extracting(HeldCall::callId)
                    .containsExactly("old");
            assertThat(node.heldCalls("inv")).extracting(HeldCall::arrival).containsExactly(7L);
        }
    }

    private static TicketOutcome outcome() {
        Instant now = Instant.now();
        return new TicketOutcome("ok", null, new byte[0], "json", now, now.plusSeconds(60));
    }
}
