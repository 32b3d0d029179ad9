package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.NameWatch;
import io.switchboard.client.RegisterOptions;
import io.switchboard.client.RegistryEntry;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * W5: the Java client reads paged LISTING and ENTRIES answers as one: list, resolve and watch of more than fits in a
 * frame of a server with a small maximum frame size.
 */
class PagedAnswersClientTest {

    @Test
    void listResolveAndWatchSeeEverythingAcrossPages() {
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().maxFrameSize(1024).build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient reader = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            for (int i = 0; i < 80; i++) {
                publisher.publish(
                        String.format("paged-session-%03d", i), List.of("alpha", "beta"), call -> 1, Runnable::run);
            }
            for (int i = 0; i < 30; i++) {
                publisher.register(RegisterOptions.builder("many")
                        .endpoint("tcp://10.0.0." + i + ":9000")
                        .metadata("note", "n".repeat(50))
                        .build());
            }
            List<SessionInfo> sessions = reader.list();
            assertThat(sessions).hasSize(80);
            assertThat(reader.resolve("many")).hasSize(30);

            List<List<RegistryEntry>> seen = new CopyOnWriteArrayList<>();
            NameWatch watch = reader.registry().watch("many", (name, entries) -> seen.add(entries));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).hasSize(30);
            publisher.register(
                    RegisterOptions.builder("many").endpoint("tcp://h:1").build());
            Fixtures.await("the watch told of the 31st entry", () -> seen.size() == 2);
            assertThat(seen.get(1)).hasSize(31);
            watch.close();
        }
    }
}
