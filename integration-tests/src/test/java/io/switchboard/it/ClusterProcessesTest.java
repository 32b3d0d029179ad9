package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.CallException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.testsupport.ServerCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster of three server processes on one PostgreSQL (docs/cluster.md): calls cross nodes, spread over the
 * publishers of every node, and keep getting exactly one result when a node is killed with kill -9 or when every
 * node is restarted in turn.
 */
class ClusterProcessesTest {

    private static final int IN_FLIGHT = 64;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        for (int i = closeAtEnd.size() - 1; i >= 0; i--) {
            Fixtures.closeAll(closeAtEnd.get(i));
        }
        handlers.shutdownNow();
    }

    private <T extends AutoCloseable> T closeAtEnd(T closeable) {
        closeAtEnd.add(closeable);
        return closeable;
    }

    private SwitchboardClient client(String urls, Codec codec) {
        return closeAtEnd(SwitchboardClient.connect(
                Fixtures.clientOptions(urls, codec).callTimeout(CALL_DEADLINE).build()));
    }

    private ServerCluster threeNodes(String clusterName) throws Exception {
        ServerCluster cluster = closeAtEnd(new ServerCluster(
                clusterName, TestStores.POSTGRES.fresh(dir).url().orElseThrow(), "postgres", dir));
        for (String name : List.of("node-a", "node-b", "node-c")) {
            cluster.add(name).start();
        }
        cluster.awaitFullView();
        return cluster;
    }

    /**
     * "work" holds each call until the test releases it, recording which call ids reached this publisher; it
     * answers with the publisher's name.
     */
    private void publishWork(SwitchboardClient publisher, String name, Set<Integer> entered) {
        publisher.publish(
                PublishOptions.builder("work").method("hold").build(),
                call -> {
                    entered.add(call.payloadAs(Integer.class));
                    release.await(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                    return name;
                },
                handlers);
    }

    @Test
    void killNineOfAPublishersNodeWith64CallsInFlightGivesEveryCallOneResultInTime() throws Exception {
        ServerCluster cluster = threeNodes("kill-nine");
        ServerCluster.Node a = cluster.node("node-a");
        ServerCluster.Node b = cluster.node("node-b");
        ServerCluster.Node c = cluster.node("node-c");
        Set<Integer> onB = ConcurrentHashMap.newKeySet();
        Set<Integer> onC = ConcurrentHashMap.newKeySet();
        publishWork(client(b.url(), Codec.CBOR), "b", onB);
        publishWork(client(c.url(), Codec.JSON), "c", onC);
        Fixtures.await(
                "node-a's directory shows the publishers on node-b and node-c", () -> a.remotePublishers("work") == 2);

        SwitchboardClient caller = client(a.url(), Codec.CBOR);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        long sentAt = System.nanoTime();
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(caller.callAsync("work", "hold", i, String.class, CALL_DEADLINE));
        }
        Fixtures.await("all " + IN_FLIGHT + " calls reached a publisher", () -> onB.size() + onC.size() == IN_FLIGHT);
        // Load balancing across nodes: neither remote node takes them all.
        assertThat(onB).as("calls on node-b").hasSizeGreaterThanOrEqualTo(IN_FLIGHT / 4);
        assertThat(onC).as("calls on node-c").hasSizeGreaterThanOrEqualTo(IN_FLIGHT / 4);

        long killedAt = System.nanoTime();
        b.kill();
        Map<Integer, Long> lostAfterMs = new TreeMap<>();
        for (int id : onB) {
            Throwable failure = failureOf(calls.get(id), sentAt);
            assertThat(failure).isInstanceOf(CallException.class);
            assertThat(((CallException) failure).code())
                    .as("call %d, in flight on the killed node", id)
                    .isEqualTo(ResultCode.PUBLISHER_LOST);
            lostAfterMs.put(id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        }
        release.countDown();
        for (int id : onC) {
            assertThat(calls.get(id).get(remainingMs(sentAt), TimeUnit.MILLISECONDS))
                    .isEqualTo("c");
        }
        System.out.printf(
                "kill -9 of node-b with %d calls on it: all answered publisher-lost within %d ms%n",
                onB.size(),
                lostAfterMs.values().stream().mapToLong(Long::longValue).max().orElse(0));
        // The survivors agree on the view without node-b, and calls go on through node-c.
        cluster.awaitFullView();
        assertThat(caller.call("work", "hold", 1000, String.class)).isEqualTo("c");
    }

    @Test
    void aRollingRestartOfAllThreeNodesUnderSteadyCallsLeavesNoCallWithoutAResult() throws Exception {
        ServerCluster cluster = threeNodes("rolling");
        ServerCluster.Node a = cluster.node("node-a");
        ServerCluster.Node b = cluster.node("node-b");
        ServerCluster.Node c = cluster.node("node-c");
        String abc = String.join(",", a.url(), b.url(), c.url());
        String cba = String.join(",", c.url(), b.url(), a.url());
        String bca = String.join(",", b.url(), c.url(), a.url());
        PublishOptions calc = PublishOptions.builder(Calculator.ALIAS)
                .methods(Calculator.METHODS)
                .idempotent(List.of("add"))
                .policy(SessionPolicy.REROUTE)
                .build();
        client(abc, Codec.CBOR).publish(calc, new Calculator(), handlers);
        client(cba, Codec.JSON).publish(calc, new Calculator(), handlers);
        Fixtures.await("node-b's directory shows both publishers", () -> b.remotePublishers(Calculator.ALIAS) == 2);

        SteadyCaller one = new SteadyCaller(client(bca, Codec.CBOR));
        SteadyCaller two = new SteadyCaller(client(cba, Codec.JSON));
        List<Thread> loops = List.of(new Thread(one, "caller-one"), new Thread(two, "caller-two"));
        loops.forEach(Thread::start);
        try {
            one.awaitMoreOk(20);
            two.awaitMoreOk(20);
            for (ServerCluster.Node node : List.of(a, b, c)) {
                node.stop();
                node.start();
                cluster.awaitFullView();
                one.awaitMoreOk(20);
                two.awaitMoreOk(20);
            }
        } finally {
            one.running.set(false);
            two.running.set(false);
            for (Thread loop : loops) {
                loop.join(CALL_DEADLINE.toMillis() + 10_000);
                assertThat(loop.isAlive()).as("a caller is stuck in a call").isFalse();
            }
        }
        for (SteadyCaller caller : List.of(one, two)) {
            System.out.printf(
                    "rolling restart: %d calls ok, failures %s, slowest call %d ms%n",
                    caller.ok.get(), caller.failures, caller.slowestMs.get());
            assertThat(caller.unexpected)
                    .as("results that are neither ok nor an error of a lost node")
                    .isEmpty();
            assertThat(caller.failures).doesNotContainKey(ResultCode.TIMEOUT.wireName());
            assertThat(caller.slowestMs.get()).isLessThan(CALL_DEADLINE.toMillis());
        }
    }

    /** Sequential calls until stopped, sorting every outcome: each call must end, ok or with a clear error. */
    private static final class SteadyCaller implements Runnable {
        final SwitchboardClient client;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong slowestMs = new AtomicLong();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();

        SteadyCaller(SwitchboardClient client) {
            this.client = client;
        }

        @Override
        public void run() {
            int i = 0;
            while (running.get()) {
                i++;
                long start = System.nanoTime();
                try {
                    Sum sum = client.call(Calculator.ALIAS, "add", new Pair(i, 1), Sum.class);
                    if (sum.sum() == i + 1) {
                        ok.incrementAndGet();
                    } else {
                        unexpected.add("wrong sum " + sum + " for " + i);
                    }
                } catch (CallException e) {
                    failures.merge(e.code().wireName(), 1, Integer::sum);
                    if (e.code() != ResultCode.PUBLISHER_LOST
                            && e.code() != ResultCode.SHUTTING_DOWN
                            && e.code() != ResultCode.NO_SUCH_SESSION) {
                        unexpected.add(e.toString());
                    }
                    pause();
                } catch (ConnectionLostException | NotConnectedException e) {
                    failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    pause();
                } catch (RuntimeException e) {
                    unexpected.add(e.toString());
                    pause();
                }
                slowestMs.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
            }
        }

        private static void pause() {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits (bounded) until {@code n} more calls succeeded than now: calls flow again. */
        void awaitMoreOk(int n) throws InterruptedException {
            long target = ok.get() + n;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ok.get() < target) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("calls did not succeed again within 60 s; failures " + failures
                            + ", unexpected " + unexpected);
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    private static long remainingMs(long sentAt) {
        return Math.max(1, CALL_DEADLINE.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
    }

    /** The call fails before its deadline: a result, not silence. */
    private static Throwable failureOf(CompletableFuture<?> call, long sentAt) throws Exception {
        try {
            call.get(remainingMs(sentAt), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded although its publisher's node was killed");
    }
}
