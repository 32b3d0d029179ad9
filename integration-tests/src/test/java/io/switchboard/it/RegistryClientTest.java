package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.NameWatch;
import io.switchboard.client.RegisterOptions;
import io.switchboard.client.Registration;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Entries;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java client's registry API against a real server: register, resolve, watch, and connecting by name. */
class RegistryClientTest {

    private final ExecutorService handlers = Executors.newCachedThreadPool();

    @AfterEach
    void stopHandlers() {
        handlers.shutdownNow();
    }

    @Test
    void registeredEntriesResolveAndWatchersSeeThemComeAndGo() {
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig().build());
             SwitchboardClient watcher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
             SwitchboardClient resolver = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            List<List<Entries.Entry>> seen = new CopyOnWriteArrayList<>();
            NameWatch watch = watcher.watch("inventory", (name, entries) -> seen.add(entries));
            assertThat(seen).containsExactly(List.of());

            SwitchboardClient registrant = Fixtures.client(Fixtures.tcpUrl(server), Codec.SMILE);
            Registration registration = registrant.register(RegisterOptions.builder("inventory")
                    .endpoint("tcp://10.0.0.5:9000").endpoint("unix:///run/inv.sock").metadata("zone", "eu-1").build());
            assertThat(registration.ttl()).isEmpty();
            Entries.Entry expected = new Entries.Entry(registration.id(),
                    List.of("tcp://10.0.0.5:9000", "unix:///run/inv.sock"), java.util.Map.of("zone", "eu-1"), null);
            assertThat(resolver.resolve("inventory")).containsExactly(expected);
            Fixtures.await("the watcher saw the entry", () -> seen.size() == 2);
            assertThat(seen.get(1)).containsExactly(expected);

            // Connection-bound: the entry goes with the registrant's connection.
            registrant.close();
            Fixtures.await("the watcher saw the entry go", () -> seen.size() == 3);
            assertThat(seen.get(2)).isEmpty();
            assertThat(resolver.resolve("inventory")).isEmpty();
            watch.close();
        }
    }

    @Test
    void aTtlRegistrationIsRefreshedByTheClientUntilClosed() throws InterruptedException {
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig().build());
             SwitchboardClient client = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            Duration ttl = Duration.ofMillis(600);
            Registration registration = client.register(RegisterOptions.builder("cron").endpoint("http://cron:8080/")
                    .ttl(ttl).build());
            long until = System.nanoTime() + ttl.multipliedBy(4).toNanos();
            // Four TTLs long the entry stays: the client's refreshes keep it (unrefreshed it would expire).
            while (System.nanoTime() < until) {
                assertThat(client.resolve("cron")).extracting(Entries.Entry::id).containsExactly(registration.id());
                Thread.sleep(100);
            }
            registration.close();
            assertThat(client.resolve("cron")).isEmpty();
        }
    }

    @Test
    void aRegistryUrlConnectsToTheFirstResolvedEndpointThatAnswers() {
        try (SwitchboardServer registry = SwitchboardServer.start(Fixtures.serverConfig().name("registry").build());
             SwitchboardServer target = SwitchboardServer.start(Fixtures.serverConfig().name("target").build());
             SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(target), Codec.CBOR);
             SwitchboardClient registrant = Fixtures.client(Fixtures.tcpUrl(registry), Codec.CBOR)) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            // The first endpoint refuses connections; the second is the target server.
            registrant.register(RegisterOptions.builder("calc-service").endpoint("tcp://127.0.0.1:1")
                    .endpoint("http://not-a-switchboard/").endpoint(Fixtures.tcpUrl(target)).build());

            String url = "registry://127.0.0.1:" + registry.tcpPort() + "/calc-service";
            try (SwitchboardClient byName = SwitchboardClient.connect(Fixtures.clientOptions(url, Codec.JSON).build())) {
                // Only the target publishes "calc": the call proves where the client connected.
                assertThat(byName.call(Calculator.ALIAS, "add", new Pair(2, 3), Sum.class)).isEqualTo(new Sum(5));
            }
            // A server's own name resolves to its listeners (in its own registry only).
            assertThat(registrant.resolve("target")).isEmpty();
            try (SwitchboardClient toRegistry = SwitchboardClient.connect(ClientOptions.builder()
                    .url("registry://127.0.0.1:" + registry.tcpPort() + "/registry").build())) {
                assertThat(toRegistry.resolve("registry")).singleElement()
                        .satisfies(e -> assertThat(e.endpoints()).contains(Fixtures.tcpUrl(registry)));
            }
        }
    }
}
