package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.CallException;
import io.switchboard.client.CallOptions;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Held calls across a server kill -9 (the server in a child JVM, SIGKILL, a new server on the same store), on a
 * SQLite file and on PostgreSQL: calls made while the publisher is away are delivered in order when it returns, none
 * is lost and none reaches the non-idempotent method twice, and a call whose deadline passed gets timeout.
 */
class HeldCallsKillTest {

    private static final int CALLS = 20;
    private static final List<String> METHODS = List.of("place", "check");

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void heldCallsSurviveKillMinus9AndReachTheNonIdempotentMethodExactlyOnceInOrder(TestStores kind, @TempDir Path dir)
            throws Exception {
        StoreSettings store = kind.fresh(dir);
        List<Integer> delivered = new CopyOnWriteArrayList<>();

        // 1. The session is published with policy hold, then its publisher goes away.
        try (ChildJvm server = startServer(store)) {
            String url = url(server);
            try (SwitchboardClient publisher = Fixtures.client(url, Codec.JSON)) {
                publish(publisher, delivered);
            }
            try (SwitchboardClient caller = Fixtures.client(url, Codec.JSON)) {
                Fixtures.await("orders listed away", () -> orders(caller).listedAway());
                assertThat(orders(caller).policy()).contains(SessionPolicy.HOLD);
                List<CompletableFuture<Integer>> pending = new ArrayList<>();
                for (int i = 1; i <= CALLS; i++) {
                    pending.add(caller.callAsync(
                            "orders",
                            "place",
                            i,
                            Integer.class,
                            CallOptions.builder().timeout(Duration.ofMinutes(2)).build()));
                }
                // Held after the others on the same connection: its timeout is answered once its removal is
                // committed, and so are the 20 calls queued before it to the same store writer.
                assertThatThrownBy(() -> caller.call("orders", "place", -1, Integer.class, Duration.ofMillis(300)))
                        .isInstanceOfSatisfying(
                                CallException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.TIMEOUT));
                server.kill();
                for (CompletableFuture<Integer> call : pending) {
                    assertThatThrownBy(call::join).isInstanceOf(CompletionException.class);
                }
            }
        }

        // 2. A new server on the same store: the session is listed away; a publisher taking one call at a time gets
        //    the first ten in order and is killed with the server while it holds the tenth.
        CountDownLatch tenth = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (ChildJvm server = startServer(store)) {
            String url = url(server);
            try (SwitchboardClient look = Fixtures.client(url, Codec.JSON)) {
                assertThat(orders(look).listedAway()).isTrue();
                assertThat(orders(look).publishers()).isZero();
            }
            SwitchboardClient publisher = Fixtures.client(url, Codec.CBOR);
            try {
                publisher.publish(
                        PublishOptions.builder("orders")
                                .methods(METHODS)
                                .idempotent(List.of("check"))
                                .maxInflight(1)
                                .build(),
                        call -> {
                            int n = call.payloadAs(Integer.class);
                            delivered.add(n);
                            if (delivered.size() == 10) {
                                tenth.countDown();
                                never.await(Fixtures.PATIENCE.toMillis() * 3, TimeUnit.MILLISECONDS);
                            }
                            return n;
                        },
                        Executors.newSingleThreadExecutor());
                assertThat(tenth.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                        .isTrue();
                server.kill();
            } finally {
                never.countDown();
                publisher.close();
            }
        }
        assertThat(delivered).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        // 3. Once more: the rest arrive, in order, and nothing arrives twice (the tenth was marked delivering before
        //    it was forwarded; "place" is not idempotent, so it is dropped, as if its publisher had been lost).
        try (ChildJvm server = startServer(store)) {
            String url = url(server);
            try (SwitchboardClient publisher = Fixtures.client(url, Codec.JSON);
                    SwitchboardClient caller = Fixtures.client(url, Codec.JSON)) {
                publish(publisher, delivered);
                Fixtures.await("the held calls delivered", () -> delivered.size() >= CALLS);
                // A new call queues behind any held one: once it is answered, nothing held is left to come.
                assertThat(caller.call("orders", "place", 99, Integer.class)).isEqualTo(99);
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= CALLS; i++) {
            expected.add(i);
        }
        expected.add(99);
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    /** Publishes "orders" with policy hold; the handler records each call's number. */
    private static void publish(SwitchboardClient client, List<Integer> delivered) {
        client.publish(
                PublishOptions.builder("orders")
                        .methods(METHODS)
                        .idempotent(List.of("check"))
                        .policy(SessionPolicy.HOLD)
                        .build(),
                call -> {
                    int n = call.payloadAs(Integer.class);
                    delivered.add(n);
                    return n;
                },
                Executors.newSingleThreadExecutor());
    }

    private static SessionInfo orders(SwitchboardClient client) {
        return client.list().stream()
                .filter(s -> s.alias().equals("orders"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("orders is not listed"));
    }

    private static ChildJvm startServer(StoreSettings store) throws Exception {
        return ChildJvm.start(StoreServerMain.class, TestStores.args(store));
    }

    private static String url(ChildJvm server) throws InterruptedException {
        return "tcp://127.0.0.1:"
                + server.awaitLine("READY ").substring("READY ".length()).trim();
    }
}
