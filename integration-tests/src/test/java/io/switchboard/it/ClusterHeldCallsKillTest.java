package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.CallOptions;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.store.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three cluster nodes in their own JVMs on one embedded PostgreSQL (docs/cluster.md, "Shared durable state"): calls
 * held on node A drain to a publisher that returned on node B, one at a time; A is killed with SIGKILL in the middle
 * of the drain; the coordinator (C) takes A's rows over and the rest reach B's publisher. Counted per call at the
 * publisher: none arrives twice (the method is not idempotent), and none is lost but, at most, the one call that
 * was on its way when A died (its row marked delivering: it follows the lost-publisher policy, publisher-lost).
 */
class ClusterHeldCallsKillTest {

    private static final int CALLS = 20;
    /** Cluster work on a loaded machine: joins, failure detection, takeover. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void killMinus9DuringAHeldCallDrainNeitherDuplicatesNorLosesACall(@TempDir Path dir) throws Exception {
        StoreSettings store = TestStores.POSTGRES.fresh(dir);
        String url = store.url().orElseThrow();
        String cluster = "kill-" + ProcessHandle.current().pid();
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        List<Long> deliveredAt = new CopyOnWriteArrayList<>(); // System.nanoTime() of each delivery
        ExecutorService handler = Executors.newSingleThreadExecutor();
        try (ChildJvm c = ChildJvm.start(ClusterServerMain.class, url, "node-c", cluster);
                ChildJvm a = startAfter(c, url, "node-a", cluster);
                ChildJvm b = startAfter(a, url, "node-b", cluster)) {
            String urlA = url(a);
            String urlB = url(b);

            // The session is kept on A with policy hold; its publisher goes away; twenty calls are held on A.
            try (SwitchboardClient first = Fixtures.client(urlA, Codec.JSON)) {
                publish(first, n -> n);
            }
            SwitchboardClient caller = Fixtures.client(urlA, Codec.JSON);
            try {
                for (int i = 1; i <= CALLS; i++) {
                    caller.callAsync(
                            "orders",
                            "place",
                            i,
                            Integer.class,
                            CallOptions.builder().timeout(Duration.ofMinutes(5)).build());
                }
                await("the calls held on A", () -> rows(url, "SELECT COUNT(*) FROM held_call") == CALLS);

                // The publisher returns on B: A drains to it, one call at a time; A dies in the middle.
                try (SwitchboardClient publisher = Fixtures.client(urlB, Codec.JSON)) {
                    publisher.publish(
                            PublishOptions.builder("orders")
                                    .methods(List.of("place", "check"))
                                    .idempotent(List.of("check"))
                                    .policy(SessionPolicy.HOLD)
                                    .build(),
                            call -> {
                                int n = call.payloadAs(Integer.class);
                                delivered.add(n);
                                deliveredAt.add(System.nanoTime());
                                TimeUnit.MILLISECONDS.sleep(100); // the drain takes a while
                                return n;
                            },
                            handler);
                    await("five calls through the drain", () -> delivered.size() >= 5);
                    long killedAt = System.nanoTime();
                    a.kill();
                    int atKill = delivered.size();

                    // C takes A's rows over and drains them to B's publisher; nothing is left in the store.
                    await(
                            "every call delivered but at most the one on its way at the kill",
                            () -> delivered.size() >= CALLS - 1 && rows(url, "SELECT COUNT(*) FROM held_call") == 0);
                    TimeUnit.MILLISECONDS.sleep(500); // a late duplicate would show up now
                    assertThat(new HashSet<>(delivered)).as("no call twice").hasSameSizeAs(delivered);
                    assertThat(delivered).as("in order").isSorted();
                    Set<Integer> missing = new HashSet<>();
                    for (int i = 1; i <= CALLS; i++) {
                        missing.add(i);
                    }
                    delivered.forEach(missing::remove);
                    assertThat(missing).as("lost").hasSizeLessThanOrEqualTo(1);
                    missing.forEach(m -> assertThat(m).isEqualTo(atKill + 1)); // the one on its way, if any
                    long resumedAt = deliveredAt.stream()
                            .filter(t -> t - killedAt > 0)
                            .findFirst()
                            .orElse(killedAt);
                    System.out.println("ClusterHeldCallsKillTest: " + atKill + " delivered when A was killed, "
                            + delivered.size() + " in all, lost " + missing + "; first delivery after the kill "
                            + TimeUnit.NANOSECONDS.toMillis(resumedAt - killedAt) + " ms later");
                }
            } finally {
                caller.close();
            }
        } finally {
            handler.shutdownNow();
        }
    }

    private static ChildJvm startAfter(ChildJvm previous, String url, String node, String cluster) throws Exception {
        url(previous); // one at a time: the first becomes the coordinator
        return ChildJvm.start(ClusterServerMain.class, url, node, cluster);
    }

    private static final java.util.Map<ChildJvm, String> URLS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String url(ChildJvm server) throws InterruptedException {
        String known = URLS.get(server);
        if (known != null) {
            return known;
        }
        String found = "tcp://127.0.0.1:"
                + server.awaitLine("READY ").substring("READY ".length()).trim();
        URLS.put(server, found);
        return found;
    }

    private static void publish(SwitchboardClient client, java.util.function.IntUnaryOperator answer) {
        client.publish(
                PublishOptions.builder("orders")
                        .methods(List.of("place", "check"))
                        .idempotent(List.of("check"))
                        .policy(SessionPolicy.HOLD)
                        .build(),
                call -> answer.applyAsInt(call.payloadAs(Integer.class)),
                Executors.newSingleThreadExecutor());
    }

    private static long rows(String url, String sql) {
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
