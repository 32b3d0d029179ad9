package io.switchboard.server.cluster;

import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InOrderTest {

    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Address a = UUID.randomUUID();
    private final Address b = UUID.randomUUID();

    @AfterEach
    void stop() {
        timer.stop();
    }

    private InOrder.Turn note(String what) {
        return () -> delivered.add(what);
    }

    @Test
    void messagesThatOvertookEachOtherAreHandedOnInTheOrderTheyWereSent() {
        InOrder order = new InOrder(timer);
        order.arrived(a, 3, note("a3"));
        order.arrived(a, 2, note("a2"));
        order.arrived(b, 1, note("b1")); // another sender has numbers of its own
        assertThat(delivered).containsExactly("b1");
        order.arrived(a, 1, note("a1"));
        order.arrived(a, 4, note("a4"));
        assertThat(delivered).containsExactly("b1", "a1", "a2", "a3", "a4");
    }

    @Test
    void theSenderNumbersPerReceiverFromOneAndStartsAgainForAMemberThatLeft() {
        InOrder order = new InOrder(timer);
        assertThat(order.next(a)).isEqualTo(1);
        assertThat(order.next(a)).isEqualTo(2);
        assertThat(order.next(b)).isEqualTo(1);
        order.arrived(b, 1, note("b1"));
        order.retain(List.of(a));
        assertThat(order.next(b)).isEqualTo(1);
        assertThat(order.next(a)).isEqualTo(3);
        order.arrived(b, 1, note("b1 again")); // b's numbering restarted too: not taken for a late duplicate
        assertThat(delivered).containsExactly("b1", "b1 again");
    }

    @Test
    void aGapThatIsNeverFilledIsGivenUpAfterItsWaitAndNothingIsLost() throws Exception {
        InOrder order = new InOrder(timer, 50);
        order.arrived(a, 2, note("a2"));
        order.arrived(a, 3, note("a3"));
        await(Duration.ofSeconds(30), "the gap is given up", () -> delivered.size() == 2);
        assertThat(delivered).containsExactly("a2", "a3");
        order.arrived(a, 1, note("a1 late")); // after the gap: late, still delivered
        order.arrived(a, 4, note("a4"));
        assertThat(delivered).containsExactly("a2", "a3", "a1 late", "a4");
    }

    @Test
    void tooManyMessagesBehindAGapGiveItUpAtOnce() {
        InOrder order = new InOrder(timer, 600_000);
        for (int i = 2; i <= InOrder.MAX_WAITING + 2; i++) {
            order.arrived(a, i, note("a" + i));
        }
        assertThat(delivered).hasSize(InOrder.MAX_WAITING + 1).startsWith("a2", "a3");
    }

    @Test
    void aMessageThatMustWaitIsKeptAsItsCopyAndOneInTurnGoesAsItIs() {
        InOrder order = new InOrder(timer);
        InOrder.Turn early = new InOrder.Turn() {
            @Override
            public void run() {
                delivered.add("the link's buffer");
            }

            @Override
            public Runnable kept() {
                return () -> delivered.add("the copy");
            }
        };
        order.arrived(a, 2, early);
        order.arrived(a, 1, note("a1"));
        assertThat(delivered).containsExactly("a1", "the copy");
        order.arrived(a, 3, early);
        assertThat(delivered).containsExactly("a1", "the copy", "the link's buffer");
    }
}
