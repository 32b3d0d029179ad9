package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Listing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagedAnswersTest {

    private static Listing.SessionInfo session(String alias) {
        return new Listing.SessionInfo(alias, List.of("m"), List.of(), 1);
    }

    private static Entries.Entry entry(String id) {
        return new Entries.Entry(id, List.of("x".repeat(100)), Map.of(), null);
    }

    @Test
    void pagesAreJoinedAndNothingIsHeldAfterTheLastPage() {
        PagedAnswers pages = new PagedAnswers(1 << 20);
        assertThat(pages.listing(new Listing(1, List.of(session("a")), true)).answer())
                .isNull();
        assertThat(pages.heldBytes()).isPositive();
        PagedAnswers.Joined<Listing> whole = pages.listing(new Listing(1, List.of(session("b"))));
        assertThat(whole.answer().sessions())
                .extracting(Listing.SessionInfo::alias)
                .containsExactly("a", "b");
        assertThat(pages.heldBytes()).isZero();
    }

    @Test
    void anAnswerOverTheLimitIsRefusedOnceItsPagesDroppedAndTheRestIgnored() {
        PagedAnswers pages = new PagedAnswers(4096);
        int refusals = 0;
        for (int i = 0; i < 1000; i++) {
            PagedAnswers.Joined<Entries> j = pages.entries(new Entries(0, "n", List.of(entry("e" + i)), true));
            assertThat(j.answer()).isNull();
            if (j.refused()) {
                refusals++;
                assertThat(j.refusal()).contains("maxListBytes (4096 bytes").contains("ENTRIES of 'n'");
            }
            // Bounded whatever the server sends: after the refusal nothing is held.
            assertThat(pages.heldBytes()).isLessThanOrEqualTo(4096);
        }
        assertThat(refusals).isEqualTo(1);
        assertThat(pages.heldBytes()).isZero();
        // The refused answer's last page is dropped too, not handed on as a short list.
        PagedAnswers.Joined<Entries> last = pages.entries(new Entries(0, "n", List.of(entry("last"))));
        assertThat(last.answer()).isNull();
        assertThat(last.refused()).isFalse();
        assertThat(pages.heldBytes()).isZero();
        // The next notification of the name is joined again.
        assertThat(pages.entries(new Entries(0, "n", List.of(entry("x")), true)).answer())
                .isNull();
        assertThat(pages.entries(new Entries(0, "n", List.of(entry("y"))))
                        .answer()
                        .entries())
                .extracting(Entries.Entry::id)
                .containsExactly("x", "y");
    }

    @Test
    void theLimitCountsEveryAnswerStillArriving() {
        PagedAnswers pages = new PagedAnswers(4096);
        int refused = 0;
        // Endless empty pages under ever new ids still cost the answer's overhead each.
        for (long req = 1; req <= 1000; req++) {
            if (pages.listing(new Listing(req, List.of(), true)).refused()) {
                refused++;
            }
            assertThat(pages.heldBytes()).isLessThanOrEqualTo(4096);
        }
        assertThat(refused).isPositive();
    }
}
