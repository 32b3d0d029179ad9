package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue point 6 as a scenario both transports run: callers keep calling the EJB while the test stops the Switchboard
 * server and starts it again on the same address. Calls during the outage must fail fast with a typed exception
 * (HTTP 5xx with a Switchboard code, never a hang to the call timeout), and within 5 s after the restart calls
 * succeed again, with no redeploy and no management operation.
 */
final class RestartUnderLoad {

    private static final int CALLERS = 4;
    /** The promise: the pool heals this fast after the server is back. */
    static final Duration HEALED_WITHIN = Duration.ofSeconds(5);
    /** What a call may answer while the server is going down or away. */
    private static final Set<String> OUTAGE_CODES = Set.of("connection-failed", "shutting-down", "publisher-lost");

    /** One call: when it started and ended (nanoTime) and what it answered. */
    record Call(long started, long ended, SampleApp.Reply reply) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    static void run() {
        new RestartUnderLoad().runScenario();
    }

    private void runScenario() {
        TestSwitchboard switchboard = TestSwitchboard.get();
        Poll.until(
                "a first call succeeds",
                () -> SampleApp.call(EchoPublisher.ALIAS, "echo", "0").ok());
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            int caller = i;
            callers.execute(() -> keepCalling(caller));
        }
        try {
            Poll.until("calls succeed under load", () -> successesAfter(0) >= 20);

            switchboard.stop();
            long stopped = System.nanoTime();
            Poll.until("calls fail while the server is down", () -> failuresBetween(stopped, Long.MAX_VALUE) >= 20);

            long restartAt = System.nanoTime();
            switchboard.start();
            long restarted = System.nanoTime();
            Poll.until("calls succeed again after the restart", () -> successesAfter(restarted) >= 20);
            running.set(false);

            List<Call> duringOutage = between(stopped, restartAt);
            assertThat(duringOutage).as("calls made while the server was down").isNotEmpty();
            for (Call call : duringOutage) {
                assertThat(call.reply().status()).as("%s", call.reply()).isIn(502, 503);
                assertThat(call.reply().code()).as("%s", call.reply()).isIn(OUTAGE_CODES);
            }
            for (Call call : calls) {
                assertThat(call.reply().took())
                        .as("no call hangs to the call timeout: %s", call.reply())
                        .isLessThan(Duration.ofMillis(AdapterSetup.CALL_TIMEOUT_MILLIS));
            }
            long firstSuccess = calls.stream()
                    .filter(c -> c.started() >= restarted && c.reply().ok())
                    .mapToLong(Call::ended)
                    .min()
                    .orElseThrow();
            Duration healed = Duration.ofNanos(firstSuccess - restarted);
            long slowestFailure = duringOutage.stream()
                    .mapToLong(c -> c.reply().took().toMillis())
                    .max()
                    .orElse(0);
            System.out.printf(
                    "restart under load: %d calls, %d failed fast during the outage (slowest %d ms),"
                            + " first success %d ms after the restart%n",
                    calls.size(), duringOutage.size(), slowestFailure, healed.toMillis());
            assertThat(healed).as("calls succeed again soon after the restart").isLessThan(HEALED_WITHIN);
        } finally {
            running.set(false);
            callers.shutdown();
            awaitQuietly(callers);
            switchboard.start();
            switchboard.awaitPublished();
        }
    }

    private void keepCalling(int caller) {
        int n = 0;
        while (running.get()) {
            long started = System.nanoTime();
            SampleApp.Reply reply = SampleApp.call(EchoPublisher.ALIAS, "echo", "\"" + caller + "-" + n++ + "\"");
            calls.add(new Call(started, System.nanoTime(), reply));
            if (!reply.ok()) {
                Poll.pause(); // failures come fast; do not spin
            }
        }
    }

    private long successesAfter(long time) {
        return calls.stream().filter(c -> c.started() >= time && c.reply().ok()).count();
    }

    private long failuresBetween(long from, long to) {
        return between(from, to).stream().filter(c -> !c.reply().ok()).count();
    }

    /** Calls that started and ended within the window. */
    private List<Call> between(long from, long to) {
        List<Call> inside = new ArrayList<>();
        for (Call call : calls) {
            if (call.started() >= from && call.ended() <= to) {
                inside.add(call);
            }
        }
        return inside;
    }

    private static void awaitQuietly(ExecutorService callers) {
        try {
            callers.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
