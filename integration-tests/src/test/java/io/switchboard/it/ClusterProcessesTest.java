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
                PublishOptions.builder("work")
                        .method("hold")
                        .method("retry")
                        .idempotent(List.of("retry"))
                        .policy(SessionPolicy.REROUTE)
                        .build(),
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
        // Calls 0, 1, 4, 5, ... run "hold", the others the idempotent "retry" (in pairs, as the two nodes take turns):
        // a lost node's "retry" calls are rerouted.
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(caller.callAsync("work", idempotent(i) ? "retry" : "hold", i, String.class, CALL_DEADLINE));
        }
        Fixtures.await("all " + IN_FLIGHT + " calls reached a publisher", () -> onB.size() + onC.size() == IN_FLIGHT);
        // Load balancing across nodes: neither remote node takes them all.
        assertThat(onB).as("calls on node-b").hasSizeGreaterThanOrEqualTo(IN_FLIGHT / 4);
        assertThat(onC).as("calls on node-c").hasSizeGreaterThanOrEqualTo(IN_FLIGHT / 4);

        Set<Integer> firstOnB = Set.copyOf(onB);
        int onCBefore = onC.size();
        long killedAt = System.nanoTime();
        b.kill();
        Map<Integer, Long> lostAfterMs = new TreeMap<>();
        int rerouted = 0;
        for (int id : firstOnB) {
            if (!idempotent(id)) {
                Throwable failure = failureOf(calls.get(id), sentAt);
                assertThat(failure).isInstanceOf(CallException.class);
                assertThat(((CallException) failure).code())
                        .as("call %d (not idempotent), in flight on the killed node", id)
                        .isEqualTo(ResultCode.PUBLISHER_LOST);
                lostAfterMs.put(id, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            } else {
                rerouted++;
            }
        }
        int expectedOnC = onCBefore + rerouted;
        Fixtures.await(
                "the idempotent calls of the killed node reached node-c's publisher", () -> onC.size() == expectedOnC);
        release.countDown();
        for (int id = 0; id < IN_FLIGHT; id++) {
            if (firstOnB.contains(id) && !idempotent(id)) {
                continue;
            }
            assertThat(calls.get(id).get(remainingMs(sentAt), TimeUnit.MILLISECONDS))
                    .as("call %d answered by node-c (rerouted if it was on node-b)", id)
                    .isEqualTo("c");
        }
        System.out.printf(
                "kill -9 of node-b with %d calls on it: %d answered publisher-lost within %d ms, %d rerouted to node-c%n",
                firstOnB.size(),
                lostAfterMs.size(),
                lostAfterMs.values().stream().mapToLong(Long::longValue).max().orElse(0),
                rerouted);
        assertThat(rerouted).as("idempotent calls were on node-b").isPositive();
        // The survivors agree on the view without node-b, and calls go on through node-c.
        cluster.awaitFullView();
        assertThat(caller.call("work", "hold", 1000, String.class)).isEqualTo("c");
    }

    /** An application instance: answers every input "<tag>: <text>", records its welcome-backs and inputs. */
    private static final class ChatApp implements io.switchboard.client.FrontDoorHandler {
        final String tag;
        final List<io.switchboard.client.WelcomeBack> welcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Map<String, List<String>> inputs = new ConcurrentHashMap<>();

        ChatApp(String tag) {
            this.tag = tag;
        }

        @Override
        public void onWelcomeBack(io.switchboard.client.WelcomeBack welcome) {
            welcomes.add(welcome);
        }

        @Override
        public Object onInput(io.switchboard.client.Line line, io.switchboard.client.LineInput input) {
            inputs.computeIfAbsent(line.id(), l -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(input.text());
            return tag + ": " + input.text();
        }
    }

    @Test
    void aFrontDoorHandlerMovingFromNodeAToNodeBWithUsersOnNodeCIsWelcomedBackCompleteAndNoUserIsDropped()
            throws Exception {
        ServerCluster cluster = closeAtEnd(new ServerCluster(
                "front-door", TestStores.POSTGRES.fresh(dir).url().orElseThrow(), "postgres", dir));
        ServerCluster.Node a = cluster.add("node-a");
        ServerCluster.Node b = cluster.add("node-b");
        ServerCluster.Node c = cluster.add("node-c");
        int doorPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            doorPort = free.getLocalPort();
        }
        c.args("--front-door", "tcp://127.0.0.1:" + doorPort + "?alias=chat");
        for (ServerCluster.Node node : List.of(a, b, c)) {
            node.start();
        }
        cluster.awaitFullView();

        SwitchboardClient onA = client(a.url(), Codec.CBOR);
        ChatApp first = new ChatApp("a");
        io.switchboard.client.Publication handling = onA.handleFrontDoor("chat", first);
        Fixtures.await("node-c sees the handler on node-a", () -> c.remotePublishers("chat") == 1);
        List<TcpUser> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(closeAtEnd(TcpUser.connect(doorPort)));
        }
        for (TcpUser user : users) {
            user.send("hello");
            assertThat(user.next()).isEqualTo("a: hello");
        }
        Set<String> lineIds = Set.copyOf(first.inputs.keySet());
        assertThat(lineIds).hasSize(users.size());

        handling.close(); // the application stops on node-a ...
        onA.close();
        for (int n = 0; n < 3; n++) {
            for (TcpUser user : users) {
                user.send("meanwhile " + n); // ... while the users on node-c type
            }
        }
        SwitchboardClient onB = client(b.url(), Codec.JSON);
        ChatApp second = new ChatApp("b");
        closeAtEnd(onB.handleFrontDoor("chat", second)); // ... and comes back on node-b
        for (TcpUser user : users) {
            for (int n = 0; n < 3; n++) {
                assertThat(user.next()).isEqualTo("b: meanwhile " + n);
            }
        }
        Set<String> welcomed = new java.util.TreeSet<>();
        second.welcomes.forEach(
                w -> w.lines().forEach(entry -> welcomed.add(entry.line().id())));
        assertThat(welcomed)
                .as("every line of node-c in node-b's welcome-back")
                .isEqualTo(new java.util.TreeSet<>(lineIds));
        for (String id : lineIds) {
            assertThat(second.inputs.get(id)).containsExactly("meanwhile 0", "meanwhile 1", "meanwhile 2");
        }
        for (TcpUser user : users) {
            user.send("still here");
            assertThat(user.next()).as("no user dropped").isEqualTo("b: still here");
        }
    }

    private static boolean idempotent(int call) {
        return (call / 2) % 2 == 1;
    }

    @Test
    void callsListSubscribeTicketsAndTheRegistrySpanTheThreeProcesses() throws Exception {
        ServerCluster cluster = threeNodes("span");
        List<ServerCluster.Node> nodes =
                List.of(cluster.node("node-a"), cluster.node("node-b"), cluster.node("node-c"));
        List<SwitchboardClient> clients = new ArrayList<>();
        for (ServerCluster.Node node : nodes) {
            clients.add(client(node.url(), clients.size() % 2 == 0 ? Codec.CBOR : Codec.JSON));
        }
        // A subscriber on node-c hears of the first publisher anywhere.
        List<io.switchboard.client.SessionChange> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        clients.get(2).subscribe("calc-a", changes::add);
        // One calculator per node, each under its own alias: every client calls every node's.
        for (int i = 0; i < nodes.size(); i++) {
            clients.get(i)
                    .publish(
                            PublishOptions.builder("calc-" + (char) ('a' + i))
                                    .methods(Calculator.METHODS)
                                    .build(),
                            new Calculator(),
                            handlers);
        }
        for (ServerCluster.Node node : nodes) {
            Fixtures.await(
                    node.name() + " knows the other nodes' calculators",
                    () -> node.remotePublishers("calc-a")
                                    + node.remotePublishers("calc-b")
                                    + node.remotePublishers("calc-c")
                            == 2);
        }
        for (int from = 0; from < 3; from++) {
            for (int to = 0; to < 3; to++) {
                Sum sum = clients.get(from).call("calc-" + (char) ('a' + to), "add", new Pair(from, to), Sum.class);
                assertThat(sum).as("node %d calling node %d", from, to).isEqualTo(new Sum(from + to));
            }
        }
        Fixtures.await(
                "node-c's subscriber heard calc-a published on node-a",
                () -> changes.stream().anyMatch(c -> c.state() == io.switchboard.client.SessionChange.State.PUBLISHED));

        // LIST on any node shows every node's aliases; a second publisher of calc-a on node-b is summed.
        clients.get(1)
                .publish(
                        PublishOptions.builder("calc-a")
                                .methods(Calculator.METHODS)
                                .build(),
                        new Calculator(),
                        handlers);
        for (SwitchboardClient lister : clients) {
            Fixtures.await("LIST shows calc-a with 2 publishers and calc-b, calc-c", () -> {
                Map<String, Integer> listed = new TreeMap<>();
                lister.list().forEach(info -> listed.put(info.alias(), info.publishers()));
                return Integer.valueOf(2).equals(listed.get("calc-a"))
                        && listed.containsKey("calc-b")
                        && listed.containsKey("calc-c");
            });
        }

        // A ticket submitted on node-a, its publisher on node-b, fetched from node-c.
        io.switchboard.client.Ticket ticket = clients.get(0).submit("calc-b", "add", new Pair(20, 22));
        assertThat(clients.get(2).tickets().fetch(ticket.id(), Sum.class, Duration.ofSeconds(10)))
                .isEqualTo(new Sum(42));

        // A registry entry made on node-a resolves on node-c, and goes when its connection closes.
        SwitchboardClient registrant = client(nodes.get(0).url(), Codec.CBOR);
        registrant
                .registry()
                .register(io.switchboard.client.RegisterOptions.builder("reports")
                        .endpoint("tcp://reports.example:9000")
                        .build());
        Fixtures.await(
                "node-c resolves the entry made on node-a",
                () -> clients.get(2).registry().resolve("reports").size() == 1);
        registrant.close();
        Fixtures.await(
                "the connection-bound entry is gone on node-c",
                () -> clients.get(2).registry().resolve("reports").isEmpty());
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
