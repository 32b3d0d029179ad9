package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.NameWatch;
import io.switchboard.client.RegisterOptions;
import io.switchboard.client.Registration;
import io.switchboard.client.RegistryEntry;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Java client's registry API against a real server: register, resolve, watch, and connecting by name. */
class RegistryClientTest {

    private final ExecutorService handlers = Executors.newCachedThreadPool();

    @AfterEach
    void stopHandlers() {
        handlers.shutdownNow();
    }

    @Test
    void registeredEntriesResolveAndWatchersSeeThemComeAndGo() {
        try (SwitchboardServer server =
                        SwitchboardServer.start(Fixtures.serverConfig().build());
                SwitchboardClient watcher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient resolver = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            List<List<RegistryEntry>> seen = new CopyOnWriteArrayList<>();
            NameWatch watch = watcher.registry().watch("inventory", (name, entries) -> seen.add(entries));
            assertThat(seen).containsExactly(List.of());

            SwitchboardClient registrant = Fixtures.client(Fixtures.tcpUrl(server), Codec.SMILE);
            Registration registration = registrant
                    .registry()
                    .register(RegisterOptions.builder("inventory")
                            .endpoint("tcp://10.0.0.5:9000")
                            .endpoint("unix:///run/inv.sock")
                            .metadata("zone", "eu-1")
                            .build());
            assertThat(registration.ttl()).isEmpty();
            RegistryEntry expected = new RegistryEntry(
                    registration.id(),
                    List.of("tcp://10.0.0.5:9000", "unix:///run/inv.sock"),
                    Map.of("zone", "eu-1"),
                    Optional.empty());
            assertThat(resolver.registry().resolve("inventory")).containsExactly(expected);
            Fixtures.await("the watcher saw the entry", () -> seen.size() == 2);
            assertThat(seen.get(1)).containsExactly(expected);

            // Connection-bound: the entry goes with the registrant's connection.
            registrant.close();
            Fixtures.await("the watcher saw the entry go", () -> seen.size() == 3);
            assertThat(seen.get(2)).isEmpty();
            assertThat(resolver.registry().resolve("inventory")).isEmpty();
            watch.close();
        }
    }

    @Test
    void aTtlRegistrationIsRefreshedByTheClientUntilClosed() throws InterruptedException {
        try (SwitchboardServer server =
                        SwitchboardServer.start(Fixtures.serverConfig().build());
                SwitchboardClient client = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            Duration ttl = Duration.ofMillis(600);
            Registration registration = client.registry()
                    .register(RegisterOptions.builder("cron")
                            .endpoint("http://cron:8080/")
                            .ttl(ttl)
                            .build());
            assertThat(client.registry().resolve("cron"))
                    .singleElement()
                    .extracting(RegistryEntry::ttl)
                    .isEqualTo(Optional.of(ttl));
            long until = System.nanoTime() + ttl.multipliedBy(4).toNanos();
            // Four TTLs long the entry stays: the client's refreshes keep it (unrefreshed it would expire).
            while (System.nanoTime() < until) {
                assertThat(client.registry().resolve("cron"))
                        .extracting(RegistryEntry::id)
                        .containsExactly(registration.id());
                Thread.sleep(100);
            }
            registration.close();
            assertThat(client.registry().resolve("cron")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void registrationsAndWatchesAreRenewedWhenTheClientReconnectsToARestartedServer(
            TestStores stores, @TempDir Path dir) {
        ServerConfig config = Fixtures.serverConfig()
                .shutdownGraceMs(300)
                .store(stores.fresh(dir))
                .build();
        SwitchboardServer first = SwitchboardServer.start(config);
        SwitchboardServer second = null;
        String url = Fixtures.tcpUrl(first);
        try (SwitchboardClient registrant = Fixtures.client(url, Codec.CBOR);
                SwitchboardClient watcher = Fixtures.client(url, Codec.JSON)) {
            List<List<RegistryEntry>> seen = new CopyOnWriteArrayList<>();
            watcher.registry().watch("inventory", (name, entries) -> seen.add(entries));
            Registration bound = registrant
                    .registry()
                    .register(RegisterOptions.builder("inventory")
                            .endpoint("tcp://10.0.0.5:9000")
                            .metadata("zone", "eu-1")
                            .build());
            Duration ttl = Duration.ofSeconds(4);
            Registration daemon = registrant
                    .registry()
                    .register(RegisterOptions.builder("cron")
                            .endpoint("http://cron:8080/")
                            .ttl(ttl)
                            .build());
            String boundBefore = bound.id();
            String daemonId = daemon.id();
            Fixtures.await("the watcher saw the entry", () -> lastSeen(seen).size() == 1);

            first.close();
            Fixtures.await("both clients noticed", () -> !registrant.isConnected() && !watcher.isConnected());
            long restarted = System.nanoTime();
            second = SwitchboardServer.start(
                    config.toBuilder().port(first.tcpPort()).build());

            // The connection-bound entry is registered again (a new instance), and the renewed watch hears it.
            Fixtures.await("the entry was registered again", () -> !bound.id().equals(boundBefore));
            RegistryEntry again = new RegistryEntry(
                    bound.id(), List.of("tcp://10.0.0.5:9000"), Map.of("zone", "eu-1"), Optional.empty());
            Fixtures.await(
                    "the watcher heard the entry again", () -> lastSeen(seen).equals(List.of(again)));
            assertThat(watcher.registry().resolve("inventory")).containsExactly(again);

            // The watch is live on the new server: it hears changes again.
            int heard = seen.size();
            try (SwitchboardClient other = Fixtures.client(Fixtures.tcpUrl(second), Codec.SMILE)) {
                Registration another = other.registry()
                        .register(RegisterOptions.builder("inventory")
                                .endpoint("tcp://10.0.0.6:9000")
                                .build());
                Fixtures.await(
                        "the watcher heard the new entry", () -> lastSeen(seen).size() == 2);
                assertThat(lastSeen(seen)).extracting(RegistryEntry::id).containsExactly(bound.id(), another.id());
            }
            Fixtures.await("the watcher heard it go", () -> lastSeen(seen).equals(List.of(again)));
            assertThat(seen.size()).isGreaterThan(heard + 1);

            // The TTL entry was kept by the store: same id, and the client's refreshes reach the new server (a full
            // TTL after the restart it would have expired without them, and come back under a new id).
            assertThat(watcher.registry().resolve("cron"))
                    .extracting(RegistryEntry::id)
                    .containsExactly(daemonId);
            while (System.nanoTime() - restarted < ttl.plusMillis(500).toNanos()) {
                assertThat(watcher.registry().resolve("cron"))
                        .extracting(RegistryEntry::id)
                        .containsExactly(daemonId);
                Thread.sleep(200);
            }
            assertThat(daemon.id()).isEqualTo(daemonId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            Fixtures.closeAll(first, second);
        }
    }

    private static List<RegistryEntry> lastSeen(List<List<RegistryEntry>> seen) {
        return seen.isEmpty() ? List.of() : seen.get(seen.size() - 1);
    }

    @Test
    void aRegistryUrlConnectsToTheFirstResolvedEndpointThatAnswers() {
        try (SwitchboardServer registry = SwitchboardServer.start(
                        Fixtures.serverConfig().name("registry").build());
                SwitchboardServer target = SwitchboardServer.start(
                        Fixtures.serverConfig().name("target").build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(target), Codec.CBOR);
                SwitchboardClient registrant = Fixtures.client(Fixtures.tcpUrl(registry), Codec.CBOR)) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            // The first endpoint refuses connections; the second is the target server.
            registrant
                    .registry()
                    .register(RegisterOptions.builder("calc-service")
                            .endpoint("tcp://127.0.0.1:1")
                            .endpoint("http://not-a-switchboard/")
                            .endpoint(Fixtures.tcpUrl(target))
                            .build());

            String url = "registry://127.0.0.1:" + registry.tcpPort() + "/calc-service";
            try (SwitchboardClient byName = SwitchboardClient.connect(
                    Fixtures.clientOptions(url, Codec.JSON).build())) {
                // Only the target publishes "calc": the call proves where the client connected.
                assertThat(byName.call(Calculator.ALIAS, "add", new Pair(2, 3), Sum.class))
                        .isEqualTo(new Sum(5));
            }
            // A server's own name resolves to its listeners (in its own registry only).
            assertThat(registrant.registry().resolve("target")).isEmpty();
            try (SwitchboardClient toRegistry = SwitchboardClient.connect(ClientOptions.builder()
                    .url("registry://127.0.0.1:" + registry.tcpPort() + "/registry")
                    .build())) {
                assertThat(toRegistry.registry().resolve("registry"))
                        .singleElement()
                        .satisfies(e -> assertThat(e.endpoints()).contains(Fixtures.tcpUrl(registry)));
            }
        }
    }
}
