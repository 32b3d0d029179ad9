package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cap judges the rate over whole windows of {@link CallRateCap#WINDOW_NANOS}; the clock is given, not read. */
class CallRateCapTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long START = 5_000 * MS;

    private final AtomicLong calls = new AtomicLong(1_000);

    @Test
    void pollingIsAllowedUntilAWindowIsOverTheCap() {
        CallRateCap cap = new CallRateCap(calls::get, 50_000, START);
        assertThat(cap.allowsPolling(START)).isTrue();
        // 50 calls in 1 ms is 50,000 a second: at the cap, still allowed.
        calls.addAndGet(50);
        assertThat(cap.allowsPolling(START + MS)).isTrue();
        // 51 calls in the next millisecond is over it.
        calls.addAndGet(51);
        assertThat(cap.allowsPolling(START + 2 * MS)).isFalse();
    }

    @Test
    void withinAWindowTheLastVerdictStands() {
        CallRateCap cap = new CallRateCap(calls::get, 50_000, START);
        calls.addAndGet(1_000);
        assertThat(cap.allowsPolling(START + MS)).isFalse();
        // A quiet half millisecond is not a window: the loop does not start polling on it.
        assertThat(cap.allowsPolling(START + MS + MS / 2)).isFalse();
        // A whole quiet window is.
        assertThat(cap.allowsPolling(START + 2 * MS)).isTrue();
    }

    @Test
    void aLongWindowIsJudgedByItsAverageRate() {
        CallRateCap cap = new CallRateCap(calls::get, 50_000, START);
        // 400 calls over 10 ms is 40,000 a second, although more than 50 came in some millisecond of it.
        calls.addAndGet(400);
        assertThat(cap.allowsPolling(START + 10 * MS)).isTrue();
        calls.addAndGet(600);
        assertThat(cap.allowsPolling(START + 20 * MS)).isFalse();
    }

    @Test
    void aYearIdleDoesNotOverflowTheRate() {
        CallRateCap cap = new CallRateCap(calls::get, Integer.MAX_VALUE, START);
        calls.addAndGet(1_000_000);
        assertThat(cap.allowsPolling(START + TimeUnit.DAYS.toNanos(365))).isTrue();
        calls.addAndGet(Long.MAX_VALUE / 4);
        assertThat(cap.allowsPolling(START + TimeUnit.DAYS.toNanos(730))).isFalse();
    }

    @Test
    void zeroMeansNoCap() {
        CallRateCap cap = new CallRateCap(calls::get, 0, START);
        calls.addAndGet(1_000_000_000);
        assertThat(cap.allowsPolling(START + MS)).isTrue();
        assertThat(cap.allowsPolling(START + 2 * MS)).isTrue();
    }
}
