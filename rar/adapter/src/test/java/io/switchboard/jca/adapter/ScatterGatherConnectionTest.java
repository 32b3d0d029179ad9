package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.api.PublisherResult;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SwitchboardConnection#callAll} (scatter-gather) through a pooled connection against a real server. */
class ScatterGatherConnectionTest {

    private TestBed bed;
    private final TestConnectionManager cm = new TestConnectionManager();
    private SwitchboardConnectionFactory factory;
    private final List<SwitchboardClient> publishers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final CompletableFuture<Void> never = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start(TestBed.serverConfig());
        factory = (SwitchboardConnectionFactory) bed.factory().createConnectionFactory(cm);
    }

    @AfterEach
    void stop() {
        never.complete(null);
        publishers.forEach(SwitchboardClient::close);
        handlers.shutdownNow();
        cm.destroyAll();
        bed.close();
    }

    private void publisher(Object answer) {
        SwitchboardClient client = SwitchboardClient.connect(ClientOptions.builder()
                .url(bed.tcpUrl())
                .callTimeout(TestBed.PATIENCE)
                .build());
        publishers.add(client);
        client.publish("census", List.of("count"), call -> answer, handlers);
    }

    @Test
    void everyPublishersAnswerComesBackAndTheSilentOneIsATimeoutResult() {
        publisher(3);
        publisher(4);
        publisher(never);
        try (SwitchboardConnection c = factory.getConnection()) {
            List<PublisherResult<Integer>> results =
                    c.callAll("census", "count", "north", Integer.class, Duration.ofMillis(1500));
            assertThat(results).hasSize(3);
            assertThat(results).extracting(PublisherResult::publisher).doesNotHaveDuplicates();
            assertThat(results)
                    .filteredOn(PublisherResult::isOk)
                    .extracting(PublisherResult::value)
                    .containsExactlyInAnyOrder(3, 4);
            assertThat(results.get(2).code()).isEqualTo("timeout");
            assertThat(results.get(2).isOk()).isFalse();

            assertThat(catchThrowableOfType(
                            SessionNotFoundException.class, () -> c.callAll("nobody", "count", null, Integer.class)))
                    .isNotNull();
        }
    }
}
