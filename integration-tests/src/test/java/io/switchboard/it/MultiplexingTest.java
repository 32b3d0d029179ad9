package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many concurrent calls over one client connection; one alias served by a group of publishers. */
class MultiplexingTest {

    private SwitchboardServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(Fixtures.serverConfig().build());
    }

    @AfterEach
    void stop() {
        Fixtures.closeAll(server);
        pool.shutdownNow();
    }

    @Test
    void twoHundredConcurrentCallsFromSeveralThreadsAllGetTheirOwnAnswer() throws Exception {
        try (SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), pool);

            int threads = 4;
            int perThread = 50;
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Sum>>>> issued = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                issued.add(pool.submit(() -> {
                    go.await();
                    List<CompletableFuture<Sum>> calls = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        calls.add(caller.callAsync("calc", "add", new Pair(thread * 1000, i), Sum.class));
                    }
                    return calls;
                }));
            }
            go.countDown();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<Sum>> calls =
                        issued.get(t).get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                for (int i = 0; i < perThread; i++) {
                    assertThat(calls.get(i).get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                            .isEqualTo(new Sum(t * 1000 + i));
                }
            }
            assertThat(server.stats().connections()).isEqualTo(2);
        }
    }

    @Test
    void callsToAGroupAreSpreadOverItsPublishers() throws Exception {
        Map<String, Integer> served = new ConcurrentHashMap<>();
        // The first two calls are held until both are in flight: a router that balances load must give the
        // second to the idle publisher (a router that did not would still finish, with only one name seen).
        CountDownLatch firstTwo = new CountDownLatch(2);
        try (SwitchboardClient a = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient b = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            a.publish("workers", List.of("who"), call -> whoAmI("a", firstTwo, served), pool);
            b.publish("workers", List.of("who"), call -> whoAmI("b", firstTwo, served), pool);
            Fixtures.await(
                    "both publishers are in the group",
                    () -> caller.list().stream().anyMatch(s -> s.alias().equals("workers") && s.publishers() == 2));

            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(caller.callAsync("workers", "who", null, String.class));
            }
            Set<String> answers = ConcurrentHashMap.newKeySet();
            for (CompletableFuture<String> call : calls) {
                answers.add(call.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            }
            assertThat(answers).containsExactlyInAnyOrder("a", "b");
            assertThat(served.get("a") + served.get("b")).isEqualTo(20);
        }
    }

    private static String whoAmI(String name, CountDownLatch firstTwo, Map<String, Integer> served)
            throws InterruptedException {
        served.merge(name, 1, Integer::sum);
        firstTwo.countDown();
        firstTwo.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return name;
    }
}
