package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TestPeer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many callers and publishers on several event loops at once: every call gets exactly its own answer. */
class ConcurrentCallsTest {

    private static final int CALLERS = 4;
    private static final int CALLS_EACH = 1_000;

    @Test
    void everyCallIsAnsweredOnceWithItsOwnPayload() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        // Caps high enough that no call can be answered busy: every call must reach a publisher.
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .ioThreads(4)
                .publisherMaxInflight(CALLERS * CALLS_EACH)
                .build())) {
            List<TestPeer> publishers = new ArrayList<>();
            for (String codec : List.of("cbor", "json", "smile")) {
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                publisher.hello(codec);
                publisher.send(new Publish(1, "echo", List.of("m"), null, null));
                publisher.expect(Ack.class);
                publishers.add(publisher);
                // Echo each payload back, from a thread per publisher.
                threads.submit(() -> {
                    while (true) {
                        Deliver d = publisher.expect(Deliver.class);
                        publisher.send(Result.ok(d.id(), d.payload()));
                    }
                });
            }
            List<Future<Set<Long>>> results = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                TestPeer caller = TestPeer.binary(server.tcpPort());
                caller.hello(c % 2 == 0 ? "cbor" : "json");
                results.add(threads.submit(() -> callMany(caller)));
            }
            for (Future<Set<Long>> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(CALLS_EACH);
            }
            Awaits.until("nothing outstanding", () -> server.stats().outstandingDeliveries() == 0);
            assertThat(server.stats().delivered()).isEqualTo((long) CALLERS * CALLS_EACH);
            assertThat(server.stats().lateResults()).isZero();
            for (TestPeer publisher : publishers) {
                publisher.close();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Set<Long> callMany(TestPeer caller) throws Exception {
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                for (long id = 1; id <= CALLS_EACH; id++) {
                    caller.send(new Deliver(id, "echo", "m", 30_000, numberPayload(caller, id)));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Set<Long> answered = new HashSet<>();
        for (int i = 0; i < CALLS_EACH; i++) {
            Result result = caller.expect(Result.class);
            assertThat(result.code()).isEqualTo(ResultCode.OK);
            long echoed = caller.codec().mapper().readTree(result.payload()).asLong();
            assertThat(echoed).isEqualTo(result.id());
            assertThat(answered.add(result.id()))
                    .as("answered once: %s", result.id())
                    .isTrue();
        }
        sent.get(30, TimeUnit.SECONDS);
        caller.close();
        return answered;
    }

    private static byte[] numberPayload(TestPeer caller, long id) {
        try {
            return caller.codec().mapper().writeValueAsBytes(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
