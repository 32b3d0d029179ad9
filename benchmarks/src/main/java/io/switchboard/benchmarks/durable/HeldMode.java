package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.CallWindow;
import io.switchboard.benchmarks.Stats;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SessionHandler;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.SwitchboardClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --mode=held}: a session published with policy {@code hold}, measured two ways on one server.
 *
 * <ol>
 *   <li><b>Steady state</b>: the publisher is there, so calls pass straight through, as for any session; the
 *       store is not touched (the server holds a call only while nobody publishes the session or earlier calls
 *       still wait). Measured as ordinary calls with {@code in-flight} outstanding, and the store is watched to
 *       show it was not written.</li>
 *   <li><b>The held path</b>: the publisher goes away, calls are made with {@code in-flight} not yet durably held
 *       ({@link HeldWrites}), then a publisher returns and drains them ({@link HeldDrain}).</li>
 * </ol>
 * A short hold-and-drain cycle of {@code warmup-seconds} runs first.
 */
final class HeldMode {

    /** Long enough for the measured hold and its drain; the server cuts deadlines at its max-timeout (5 min). */
    static final Duration HELD_DEADLINE = Duration.ofMinutes(5);

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** PostgreSQL's statistics reach pg_stat_user_tables up to 0.5 s after the writes. */
    private static final long PG_STATS_DELAY_MS = 1500;

    /** Per second: calls through the present publisher, held calls durably written, held calls drained. */
    record Figures(double steadyPerSecond, double writtenPerSecond, double drainedPerSecond) {}

    private HeldMode() {}

    static Figures measure(StoreUnderTest store, DurableSettings settings, Path logDir) throws Exception {
        String name = store.name();
        try (SwitchboardServerProcess server = SwitchboardServerProcess.start(logDir, store.serverArgs());
                SwitchboardClient caller =
                        SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-caller"));
                StoreObserver observer = StoreObserver.open(store)) {
            System.out.println("# " + name + " held: " + store.description() + "; " + server.describe());
            double steady;
            try (SwitchboardClient publisher =
                    SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-publisher"))) {
                publishHold(publisher, settings.inFlight(), null);
                byte[] body = SwitchboardSystem.cborByteString(settings.payloadBytes());
                awaitRoutable(caller, body);
                steady = steady(name, server, caller, observer, store, body, settings);
            } // closing the publisher RESCINDs: the hold session is kept, away
            awaitAway(caller);

            System.out.printf(
                    Locale.ROOT,
                    "# %s held: warm-up hold and drain of %ds%n",
                    name,
                    settings.warmup().toSeconds());
            holdAndDrain(name, server, caller, observer, settings, settings.warmup(), false);
            Figures measured = holdAndDrain(name, server, caller, observer, settings, settings.run(), true);
            return new Figures(steady, measured.writtenPerSecond(), measured.drainedPerSecond());
        }
    }

    /** (a) The publisher is present: plain calls, {@code in-flight} outstanding; the store must stay unwritten. */
    private static double steady(
            String name,
            SwitchboardServerProcess server,
            SwitchboardClient caller,
            StoreObserver observer,
            StoreUnderTest store,
            byte[] body,
            DurableSettings settings)
            throws Exception {
        window(caller, body, settings.inFlight(), settings.warmup(), null);
        settleStatistics(store);
        long writesBefore = observer.writeMarker();
        Duration cpuBefore = server.cpuTime();
        List<Long> latencies = new ArrayList<>();
        long start = System.nanoTime();
        long calls = window(caller, body, settings.inFlight(), settings.run(), latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = server.cpuTime().minus(cpuBefore).toNanos() / 1e3 / calls;
        settleStatistics(store);
        String writes = observer.describeWrites(writesBefore, observer.writeMarker());
        Stats stats = Stats.of(latencies.stream().mapToLong(Long::longValue).toArray());
        double rate = calls / seconds;
        System.out.printf(
                Locale.ROOT,
                "%s held_steady_calls_per_s=%.0f p50_us=%.0f p99_us=%.0f (%d calls, publisher"
                        + " present; store writes during the run: %s; held calls in the store: %d)%n",
                name,
                rate,
                stats.percentileMicros(50),
                stats.percentileMicros(99),
                calls,
                writes,
                observer.heldCount());
        System.out.printf(Locale.ROOT, "# %s steady server_cpu_us_per_call=%.1f (diagnostic)%n", name, cpuMicros);
        return rate;
    }

    /** (b) Calls held for {@code length} while the publisher is away, then drained by a returning publisher. */
    private static Figures holdAndDrain(
            String name,
            SwitchboardServerProcess server,
            SwitchboardClient caller,
            StoreObserver observer,
            DurableSettings settings,
            Duration length,
            boolean report)
            throws Exception {
        Duration cpuBefore = server.cpuTime();
        HeldWrites writes = HeldWrites.run(caller, observer, settings, length);
        Duration cpuAfterWrites = server.cpuTime();
        HeldDrain drain = HeldDrain.run(server.url(), writes, settings.inFlight(), settings.payloadBytes());
        Duration cpuAfterDrain = server.cpuTime();
        long left = observer.heldCount();
        if (left != 0) {
            throw new IllegalStateException(left + " held call(s) still in the store after the drain");
        }
        awaitAway(caller);
        int calls = writes.count();
        if (report) {
            Stats written = Stats.of(writes.latencies());
            Stats drained = Stats.of(drain.latencies());
            System.out.printf(
                    Locale.ROOT,
                    "%s held_written_per_s=%.0f p50_us=%.0f p99_us=%.0f (%d calls, submit to"
                            + " committed in the store, %d not yet committed at a time)%n",
                    name,
                    writes.perSecond(),
                    written.percentileMicros(50),
                    written.percentileMicros(99),
                    calls,
                    settings.inFlight());
            System.out.printf(
                    Locale.ROOT,
                    "%s held_drained_per_s=%.0f p50_us=%.0f p99_us=%.0f (%d calls, publisher"
                            + " back to the last answer; latency: a slot at the publisher free to the caller's"
                            + " answer; %d in flight to the publisher)%n",
                    name,
                    drain.perSecond(),
                    drained.percentileMicros(50),
                    drained.percentileMicros(99),
                    calls,
                    settings.inFlight());
            System.out.printf(
                    Locale.ROOT,
                    "# %s held: every call delivered once, in arrival order, and answered;"
                            + " store empty after the drain; first answer %.1f ms after the publisher's return;"
                            + " %.1f ms between polls of the store (median)%n",
                    name,
                    drain.firstAnswerMillis(),
                    writes.medianPollMicros() / 1e3);
            System.out.printf(
                    Locale.ROOT,
                    "# %s held server_cpu_us_per_call=%.1f writing, %.1f draining" + " (diagnostic)%n",
                    name,
                    cpuAfterWrites.minus(cpuBefore).toNanos() / 1e3 / calls,
                    cpuAfterDrain.minus(cpuAfterWrites).toNanos() / 1e3 / calls);
        }
        return new Figures(0, writes.perSecond(), drain.perSecond());
    }

    /** Publishes the echo session with policy hold, at most {@code maxInflight} calls at once to this publisher. */
    static void publishHold(SwitchboardClient publisher, int maxInflight, SessionHandler handler) {
        PublishOptions options = PublishOptions.builder(SwitchboardSystem.ALIAS)
                .method(SwitchboardSystem.METHOD)
                .maxInflight(maxInflight)
                .policy(SessionPolicy.HOLD)
                .build();
        publisher.publish(options, handler != null ? handler : call -> RawPayload.of(call.payload()), Runnable::run);
    }

    /** Waits until LIST shows the session kept and away: from then on calls to it are held. */
    static void awaitAway(SwitchboardClient caller) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - end < 0) {
            for (SessionInfo session : caller.list()) {
                if (session.alias().equals(SwitchboardSystem.ALIAS) && session.listedAway()) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the hold session was not listed away within " + WAIT);
    }

    /** Waits until a plain call is answered: the PUBLISH has been taken (an async one would write a ticket). */
    private static void awaitRoutable(SwitchboardClient caller, byte[] body) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                caller.call(
                        SwitchboardSystem.ALIAS,
                        SwitchboardSystem.METHOD,
                        RawPayload.of(body),
                        RawPayload.class,
                        Duration.ofSeconds(5));
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() - end > 0) {
                    throw new IllegalStateException("the hold session never became routable", e);
                }
                Thread.sleep(20);
            }
        }
    }

    private static void settleStatistics(StoreUnderTest store) throws InterruptedException {
        if (!store.isSqlite()) {
            Thread.sleep(PG_STATS_DELAY_MS);
        }
    }

    /** Keeps {@code inFlight} plain calls outstanding for {@code length}. */
    private static long window(
            SwitchboardClient caller, byte[] body, int inFlight, Duration length, List<Long> latencies)
            throws InterruptedException {
        CallWindow window = new CallWindow(inFlight);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() - end < 0) {
            window.acquire(WAIT);
            long submitted = System.nanoTime();
            caller.callAsync(SwitchboardSystem.ALIAS, SwitchboardSystem.METHOD, RawPayload.of(body), RawPayload.class)
                    .whenComplete((answer, error) -> {
                        if (error == null && latencies != null) {
                            synchronized (latencies) {
                                latencies.add(System.nanoTime() - submitted);
                            }
                        }
                        window.done(error);
                    });
        }
        window.drain(WAIT);
        window.throwIfFailed();
        return window.completed();
    }
}
