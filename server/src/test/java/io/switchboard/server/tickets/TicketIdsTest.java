package io.switchboard.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketIdsTest {

    @Test
    void anIdIsTheTimeInHexThenTwentyTwoBase64urlCharacters() {
        String id = TicketIds.next(0x1234_5678_9abL);
        assertThat(id).hasSize(33).startsWith("123456789ab").matches("[0-9a-f]{11}[A-Za-z0-9_-]{22}");
    }

    @Test
    void idsIssuedLaterSortAfterEarlierOnes() {
        long t = System.currentTimeMillis();
        for (int i = 0; i < 1000; i++) {
            String earlier = TicketIds.next(t + i);
            String later = TicketIds.next(t + i + 1);
            assertThat(later).isGreaterThan(earlier);
        }
        assertThat(TicketIds.next(0xfffL)).isLessThan(TicketIds.next(0x1000L)); // fixed width
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomPart() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TicketIds.next(42));
        }
        assertThat(ids).hasSize(10_000);
    }
}
