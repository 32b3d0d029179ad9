package io.switchboard.jca.adapter;

import static io.switchboard.jca.adapter.OpenedConnections.handle;
import static io.switchboard.jca.adapter.OpenedConnections.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.jca.adapter.tx.DeferredCalls;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.Ticket;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The managed connection's LocalTransaction, on-commit mode, against a real server: between begin and commit the
 * submits are held here (no ticket, no outcome), the commit sends them in order and their tickets resolve, the
 * rollback drops them; the buffer is bounded.
 */
class OnCommitTransactionTest {

    private TestBed bed;
    private OrdersPublisher orders;
    private OpenedConnections connections;
    private SwitchboardConnection plain;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        orders = new OrdersPublisher(bed.tcpUrl());
        connections = new OpenedConnections(bed.factory());
        plain = handle(open());
    }

    @AfterEach
    void stop() {
        connections.close();
        orders.close();
        bed.close();
    }

    private SwitchboardManagedConnection open() throws Exception {
        return connections.open();
    }

    @Test
    void theCommitSendsTheHeldCallsInOrderAndTheirTicketsResolve() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        LocalTransaction tx = mc.getLocalTransaction();

        tx.begin();
        Ticket first = c.submit(OrdersPublisher.ALIAS, "take", "a");
        Ticket second = c.submit(OrdersPublisher.ALIAS, "take", "b", TestBed.PATIENCE);
        assertThatThrownBy(first::id)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("held until its transaction commits");
        assertThatThrownBy(() -> first.result(String.class)).isInstanceOf(IllegalStateException.class);
        orders.marker(plain, "before-commit");
        assertThat(orders.taken).as("nothing sent before the commit").containsExactly("before-commit");

        tx.commit();

        assertThat(first.id()).isNotBlank();
        assertThat(result(second)).isEqualTo("took b");
        assertThat(plain.fetch(first.id(), String.class, TestBed.PATIENCE)).isEqualTo("took a");
        assertThat(orders.taken).containsExactly("before-commit", "a", "b");
        // After the transaction the connection sends at once again.
        assertThat(result(c.submit(OrdersPublisher.ALIAS, "take", "later"))).isEqualTo("took later");
    }

    @Test
    void theRollbackDropsTheHeldCalls() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        LocalTransaction tx = mc.getLocalTransaction();

        tx.begin();
        Ticket dropped = c.submit(OrdersPublisher.ALIAS, "take", "never");
        tx.rollback();

        orders.marker(plain, "marker");
        assertThat(orders.taken).containsExactly("marker");
        assertThatThrownBy(dropped::id)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolled back");
        assertThatThrownBy(() -> dropped.result(String.class)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCallRefusedAtTheCommitFailsTheCommitAndDropsTheCallsAfterIt() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        LocalTransaction tx = mc.getLocalTransaction();

        tx.begin();
        Ticket sent = c.submit(OrdersPublisher.ALIAS, "take", "sent");
        Ticket refused = c.submit("nobody", "take", "refused");
        Ticket dropped = c.submit(OrdersPublisher.ALIAS, "take", "dropped");

        LocalTransactionException failed = catchThrowableOfType(LocalTransactionException.class, tx::commit);
        assertThat(failed).hasMessageContaining("refused").hasCauseInstanceOf(SessionNotFoundException.class);
        assertThat(result(sent)).as("not atomic: sent before the refusal").isEqualTo("took sent");
        assertThatThrownBy(refused::id)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused");
        assertThat(refused.result(String.class)).isCompletedExceptionally();
        assertThatThrownBy(dropped::id).isInstanceOf(IllegalStateException.class);
        orders.marker(plain, "marker");
        assertThat(orders.taken).containsExactly("sent", "marker");
    }

    @Test
    void overTheLimitACallIsRefusedAtOnceAndTheOthersStillCommit() throws Exception {
        connections.factory().setMaxDeferredCalls(2);
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        LocalTransaction tx = mc.getLocalTransaction();

        tx.begin();
        c.submit(OrdersPublisher.ALIAS, "take", "1");
        Ticket second = c.submit(OrdersPublisher.ALIAS, "take", "2");
        SwitchboardException refused =
                catchThrowableOfType(SwitchboardException.class, () -> c.submit(OrdersPublisher.ALIAS, "take", "3"));
        assertThat(refused.code()).isEqualTo(DeferredCalls.LIMIT_CODE);
        assertThat(refused).hasMessageContaining("2").hasMessageContaining("maxDeferredCalls");
        tx.commit();

        assertThat(result(second)).isEqualTo("took 2");
        orders.marker(plain, "marker");
        assertThat(orders.taken).containsExactly("1", "2", "marker");
    }

    @Test
    void beginTwiceAndCommitWithoutBeginAreRefused() throws Exception {
        LocalTransaction tx = open().getLocalTransaction();
        assertThatThrownBy(tx::commit).isInstanceOf(jakarta.resource.spi.IllegalStateException.class);
        tx.begin();
        assertThatThrownBy(tx::begin).isInstanceOf(jakarta.resource.spi.IllegalStateException.class);
        tx.rollback();
    }
}
