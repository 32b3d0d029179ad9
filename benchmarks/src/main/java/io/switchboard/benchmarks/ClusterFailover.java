package io.switchboard.benchmarks;

import io.switchboard.client.CallException;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Failover: three nodes, an echo publisher on node-b and another on node-c (each answers with its node's name),
 * callers on node-a calling steadily, each one call at a time. Node-b's process is killed (kill -9); every call that
 * fails is retried at once by its caller (the echo is idempotent), so no call is given up. Reported: the calls that
 * failed after the kill (by result code), when the first failed, when node-c first answered after a failure (the
 * failover time), and when the last one failed.
 */
final class ClusterFailover {

    /** The most outcomes recorded (calls are short; a run of seconds stays far below). */
    private static final int MAX_EVENTS = 2_000_000;

    private static final String ALIAS = "bench-failover";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** One call's outcome: when it ended, and the node that answered or the code it failed with. */
    private record Event(long atNanos, String node, String failure) {}

    private ClusterFailover() {}

    /** @return whether the failover time met the 3 s target */
    static boolean measure(ClusterNodes nodes, int callers, Duration before, Duration after, byte[] body)
            throws Exception {
        List<SwitchboardClient> clients = new ArrayList<>();
        try {
            for (int node = 1; node <= 2; node++) {
                SwitchboardClient publisher = SwitchboardClient.connect(
                        SwitchboardSystem.clientOptions(nodes.node(node).url(), "bench-failover-publisher-" + node));
                clients.add(publisher);
                byte[] name = cborText("node-" + (char) ('a' + node));
                publisher.publish(ALIAS, List.of(SwitchboardSystem.METHOD), call -> RawPayload.of(name), Runnable::run);
            }
            List<SwitchboardClient> calling = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                SwitchboardClient caller = SwitchboardClient.connect(
                        SwitchboardSystem.clientOptions(nodes.node(0).url(), "bench-failover-caller-" + i));
                clients.add(caller);
                calling.add(caller);
            }
            ClusterSystem.awaitRoutable(calling.get(0), ALIAS, body, Duration.ofSeconds(30));
            List<Event> events = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long[] stopAt = {Long.MAX_VALUE};
            for (SwitchboardClient caller : calling) {
                Thread t = new Thread(() -> callSteadily(caller, body, events, stopAt), "failover-caller");
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            Thread.sleep(before.toMillis());
            long killedAt = System.nanoTime();
            nodes.node(1).kill();
            long killTookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            Thread.sleep(after.toMillis());
            synchronized (stopAt) {
                stopAt[0] = System.nanoTime();
            }
            for (Thread t : threads) {
                t.join(CALL_TIMEOUT.toMillis() + 5_000);
            }
            List<Event> all;
            synchronized (events) {
                all = List.copyOf(events);
            }
            return report(all, killedAt, killTookMs, callers);
        } finally {
            for (SwitchboardClient client : clients) {
                try {
                    client.close();
                } catch (RuntimeException ignored) {
                    // the run is over; node-b's publisher lost its server anyway
                }
            }
        }
    }

    private static void callSteadily(SwitchboardClient caller, byte[] body, List<Event> events, long[] stopAt) {
        while (true) {
            synchronized (stopAt) {
                if (System.nanoTime() - stopAt[0] > 0) {
                    return;
                }
            }
            Event event;
            try {
                byte[] answer = caller.call(
                                ALIAS, SwitchboardSystem.METHOD, RawPayload.of(body), RawPayload.class, CALL_TIMEOUT)
                        .bytes();
                event = new Event(
                        System.nanoTime(), new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8), null);
            } catch (CallException e) {
                event = new Event(System.nanoTime(), null, String.valueOf(e.code()));
            } catch (RuntimeException e) {
                event = new Event(System.nanoTime(), null, e.getClass().getSimpleName());
            }
            synchronized (events) {
                if (events.size() < MAX_EVENTS) {
                    events.add(event);
                }
            }
        }
    }

    private static boolean report(List<Event> events, long killedAt, long killTookMs, int callers) {
        Map<String, Integer> servedBefore = new TreeMap<>();
        Map<String, Integer> servedAfter = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        int failedBefore = 0;
        Long firstFailure = null;
        Long lastFailure = null;
        Long firstRerouted = null;
        for (Event e : events) {
            boolean after = e.atNanos() - killedAt >= 0;
            if (e.failure() != null) {
                if (!after) {
                    failedBefore++;
                    continue;
                }
                failures.merge(e.failure(), 1, Integer::sum);
                firstFailure = firstFailure == null ? e.atNanos() : Math.min(firstFailure, e.atNanos());
                lastFailure = lastFailure == null ? e.atNanos() : Math.max(lastFailure, e.atNanos());
            } else {
                (after ? servedAfter : servedBefore).merge(e.node(), 1, Integer::sum);
            }
        }
        if (firstFailure != null) {
            for (Event e : events) {
                if (e.failure() == null && "node-c".equals(e.node()) && e.atNanos() - firstFailure > 0) {
                    firstRerouted = firstRerouted == null ? e.atNanos() : Math.min(firstRerouted, e.atNanos());
                }
            }
        }
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                Locale.ROOT,
                "# failover: %d callers on node-a, one call at a time each, every failed call retried at once; "
                        + "kill -9 of node-b took %d ms; answered before the kill %s, after %s; failed before the kill %d%n",
                callers,
                killTookMs,
                servedBefore,
                servedAfter,
                failedBefore);
        System.out.printf(
                Locale.ROOT,
                "failover failed_calls=%d %s first_failure_ms=%s first_rerouted_ms=%s last_failure_ms=%s%n",
                failed,
                failures,
                millisAfter(firstFailure, killedAt),
                millisAfter(firstRerouted, killedAt),
                millisAfter(lastFailure, killedAt));
        // With no failure, nothing had to be rerouted: node-c simply kept answering.
        double failoverMs =
                firstFailure == null ? 0 : firstRerouted == null ? Double.MAX_VALUE : (firstRerouted - killedAt) / 1e6;
        boolean met = failoverMs <= 3_000 && servedAfter.getOrDefault("node-c", 0) > 0;
        System.out.printf(
                Locale.ROOT,
                "target failover (kill to the first call node-c answers after a failure) <= 3000 ms: %s%n",
                met ? "met" : "NOT met");
        return met;
    }

    private static String millisAfter(Long at, long killedAt) {
        return at == null ? "none" : String.format(Locale.ROOT, "%.1f", (at - killedAt) / 1e6);
    }

    /** A CBOR text string of up to 23 ASCII characters. */
    private static byte[] cborText(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] doc = new byte[ascii.length + 1];
        doc[0] = (byte) (0x60 | ascii.length);
        System.arraycopy(ascii, 0, doc, 1, ascii.length);
        return doc;
    }
}
