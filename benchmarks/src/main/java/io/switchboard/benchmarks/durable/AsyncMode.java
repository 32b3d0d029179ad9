package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.CallWindow;
import io.switchboard.benchmarks.Stats;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code --mode=async}: async calls with {@code in-flight} outstanding. A call counts when it is submitted (ticket
 * stored), has run, its outcome is stored and the caller is notified of it; latency is submit to notification.
 * Afterwards a sample of tickets is fetched from a second connection, to show the outcomes are really there.
 */
final class AsyncMode {

    private static final Duration SLOT_WAIT = Duration.ofSeconds(30);
    private static final int FETCH_SAMPLE = 1000;

    private AsyncMode() {}

    /** @return durable calls per second */
    static double measure(StoreUnderTest store, DurableSettings settings, Path logDir) throws Exception {
        String name = store.name();
        try (SwitchboardServerProcess server = SwitchboardServerProcess.start(logDir, store.serverArgs());
                SwitchboardClient publisher =
                        SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-publisher"));
                SwitchboardClient caller =
                        SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-caller"));
                SwitchboardClient fetcher =
                        SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-fetcher"))) {
            System.out.println("# " + name + " async: " + store.description() + "; " + server.describe());
            publisher.publish(
                    SwitchboardSystem.ALIAS,
                    List.of(SwitchboardSystem.METHOD),
                    call -> RawPayload.of(call.payload()),
                    Runnable::run);
            byte[] body = SwitchboardSystem.cborByteString(settings.payloadBytes());
            DurableBenchmark.awaitRoutable(caller, body);

            window(caller, body, settings.inFlight(), settings.warmup(), null);
            Duration cpuBefore = server.cpuTime();
            List<Long> latencies = new ArrayList<>();
            List<String> tickets = new ArrayList<>();
            long start = System.nanoTime();
            long calls = window(caller, body, settings.inFlight(), settings.run(), new Recorder(latencies, tickets));
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpuMicros = (server.cpuTime().minus(cpuBefore)).toNanos() / 1e3 / calls;
            Stats stats = Stats.of(latencies.stream().mapToLong(Long::longValue).toArray());
            double rate = calls / seconds;
            System.out.printf(
                    Locale.ROOT,
                    "%s durable_calls_per_s=%.0f p50_us=%.0f p99_us=%.0f (%d calls)%n",
                    name,
                    rate,
                    stats.percentileMicros(50),
                    stats.percentileMicros(99),
                    calls);
            System.out.printf(Locale.ROOT, "# %s server_cpu_us_per_call=%.1f (diagnostic)%n", name, serverCpuMicros);
            verifyFetches(fetcher, tickets, body);
            return rate;
        }
    }

    /** Tickets and latencies of the measured run; written on the client's I/O thread only. */
    private record Recorder(List<Long> latencies, List<String> tickets) {}

    /**
     * Keeps {@code inFlight} async calls outstanding for {@code length}; a call ends when its notification arrives.
     *
     * @return the calls completed
     */
    private static long window(SwitchboardClient caller, byte[] body, int inFlight, Duration length, Recorder recorder)
            throws InterruptedException {
        CallWindow window = new CallWindow(inFlight);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() - end < 0) {
            window.acquire(SLOT_WAIT);
            long submitted = System.nanoTime();
            caller.tickets()
                    .submitAsync(SwitchboardSystem.ALIAS, SwitchboardSystem.METHOD, RawPayload.of(body))
                    .thenCompose(ticket -> ticket.result(RawPayload.class).thenApply(r -> ticket))
                    .whenComplete((ticket, error) -> {
                        if (error == null && recorder != null) {
                            synchronized (recorder) {
                                recorder.latencies.add(System.nanoTime() - submitted);
                                recorder.tickets.add(ticket.id());
                            }
                        }
                        window.done(error);
                    });
        }
        window.drain(SLOT_WAIT);
        window.throwIfFailed();
        return recorder == null ? window.completed() : recorder.latencies.size();
    }

    /** Every n-th ticket of the run, fetched from another connection: the outcome must be the echoed payload. */
    private static void verifyFetches(SwitchboardClient fetcher, List<String> tickets, byte[] body) {
        int step = Math.max(1, tickets.size() / FETCH_SAMPLE);
        int fetched = 0;
        long start = System.nanoTime();
        for (int i = 0; i < tickets.size(); i += step) {
            byte[] answer = fetcher.tickets()
                    .fetch(tickets.get(i), RawPayload.class, Duration.ZERO)
                    .bytes();
            if (!Arrays.equals(answer, body)) {
                throw new IllegalStateException("ticket " + tickets.get(i) + " holds another outcome");
            }
            fetched++;
        }
        System.out.printf(
                Locale.ROOT,
                "# fetched %d of %d tickets from another connection, each the echoed payload,"
                        + " %.0f us per sequential FETCH%n",
                fetched,
                tickets.size(),
                (System.nanoTime() - start) / 1e3 / Math.max(1, fetched));
    }
}
