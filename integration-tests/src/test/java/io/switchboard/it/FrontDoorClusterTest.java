package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.LineInput;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.WelcomeBack;
import io.switchboard.protocol.Codec;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.testsupport.ListenPorts;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's front door acceptance with the Java client: three nodes of one cluster (in this JVM, over loopback,
 * sharing an embedded PostgreSQL), users on node C's tcp and websocket front doors, the application handling them
 * from node A, then moving to node B while the users type: B's handler is welcomed back with every line and gets
 * what was typed meanwhile, in order; no user is dropped.
 */
class FrontDoorClusterTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (int i = open.size() - 1; i >= 0; i--) {
            Fixtures.closeAll(open.get(i));
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    private List<SwitchboardServer> cluster(List<FrontDoorConfig> doorsOfC) throws Exception {
        StoreSettings store = TestStores.POSTGRES.fresh(Files.createTempDirectory("fd-cluster"));
        String name = "fd-cluster-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        List<Integer> ports = ListenPorts.free(3);
        List<String> peers = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServerConfig.Builder config = Fixtures.serverConfig()
                    .name("node-" + (char) ('a' + i))
                    .store(store)
                    .clusterName(name)
                    .clusterHost("127.0.0.1")
                    .clusterDiscovery("static")
                    .clusterPort(ports.get(i))
                    .clusterLinkPort(0)
                    .clusterPeers(peers);
            if (i == 2) {
                config.frontDoors(doorsOfC);
            }
            nodes.add(track(SwitchboardServer.start(config.build())));
        }
        Fixtures.await(
                "three members everywhere",
                () -> nodes.stream()
                        .allMatch(n -> n.cluster().orElseThrow().members().size() == 3));
        return nodes;
    }

    /** An application instance: answers every input "<tag>: <text>", records its welcome-backs and inputs. */
    private static final class App implements FrontDoorHandler {
        final String tag;
        final List<WelcomeBack> welcomes = new CopyOnWriteArrayList<>();
        final Map<String, List<String>> inputs = new ConcurrentHashMap<>();

        App(String tag) {
            this.tag = tag;
        }

        @Override
        public void onWelcomeBack(WelcomeBack welcome) {
            welcomes.add(welcome);
        }

        @Override
        public Object onInput(Line line, LineInput input) {
            inputs.computeIfAbsent(line.id(), l -> new CopyOnWriteArrayList<>()).add(input.text());
            return tag + ": " + input.text();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "CBOR"}) // converted by Codec.valueOf
    void aHandlerMovingFromNodeAToNodeBWithUsersOnNodeCIsWelcomedBackCompleteAndNoUserIsDropped(Codec codec)
            throws Exception {
        FrontDoorConfig tcp = FrontDoorFixtures.tcp("chat").build();
        FrontDoorConfig ws = FrontDoorFixtures.websocket("chat").name("chat-ws").build();
        List<SwitchboardServer> nodes = cluster(List.of(tcp, ws));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        SwitchboardServer c = nodes.get(2);

        SwitchboardClient onA = track(Fixtures.client(Fixtures.tcpUrl(a), codec));
        App first = new App("a");
        Publication handling = onA.handleFrontDoor("chat", first);
        Fixtures.await(
                "node c sees the handler on node a",
                () -> c.frontDoorStats("chat").instances() == 1
                        && c.frontDoorStats("chat-ws").instances() == 1);
        List<FrontDoorUser> users = new ArrayList<>();
        users.addAll(FrontDoorFixtures.users(c, tcp, 3));
        users.addAll(FrontDoorFixtures.users(c, ws, 3));
        users.forEach(this::track);
        for (FrontDoorUser user : users) {
            user.send("hello");
            assertThat(user.next()).isEqualTo("a: hello");
        }
        Set<String> lineIds = first.inputs.keySet();
        assertThat(lineIds).hasSize(users.size());
        // The application pushes through $lines from node a to every line on node c.
        for (String id : lineIds) {
            onA.lines().send(id, "pushed");
        }
        for (FrontDoorUser user : users) {
            assertThat(user.next()).isEqualTo("pushed");
        }

        handling.close(); // the application stops on node a ...
        onA.close();
        int typed = 3;
        for (int n = 0; n < typed; n++) {
            for (FrontDoorUser user : users) {
                user.send("meanwhile " + n); // ... while the users type
            }
        }
        SwitchboardClient onB = track(Fixtures.client(Fixtures.tcpUrl(b), codec));
        App second = new App("b");
        track(onB.handleFrontDoor("chat", second)); // ... and comes back on node b
        for (FrontDoorUser user : users) {
            for (int n = 0; n < typed; n++) {
                assertThat(user.next()).isEqualTo("b: meanwhile " + n);
            }
        }
        Set<String> welcomed = second.welcomes.stream()
                .flatMap(w -> w.lines().stream())
                .map(entry -> entry.line().id())
                .collect(Collectors.toSet());
        assertThat(welcomed).as("every line of node c").isEqualTo(Set.copyOf(lineIds));
        assertThat(second.welcomes).allSatisfy(w -> assertThat(w.disconnected()).isEmpty());
        for (String id : lineIds) {
            assertThat(second.inputs.get(id)).containsExactly("meanwhile 0", "meanwhile 1", "meanwhile 2");
        }
        for (FrontDoorUser user : users) {
            assertThat(user.isOpen()).isTrue();
            user.send("still here");
            assertThat(user.next()).isEqualTo("b: still here");
        }
        assertThat(c.frontDoorStats("chat").openLines()
                        + c.frontDoorStats("chat-ws").openLines())
                .isEqualTo(users.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CBOR"}) // converted by Codec.valueOf
    void eventsHeldByAHandlerWhoseNodeIsKilledAreRedeliveredToTheHandlerOnAnotherNode(Codec codec) throws Exception {
        FrontDoorConfig tcp = FrontDoorFixtures.tcp("chat").build();
        StoreSettings store = TestStores.POSTGRES.fresh(Files.createTempDirectory("fd-cluster"));
        String name = "fd-kill-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        List<Integer> ports = ListenPorts.free(3);
        String peers = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String[] storeArgs = TestStores.args(store);
        ChildJvm childA = track(ChildJvm.start(
                ClusterNodeMain.class,
                storeArgs[0],
                storeArgs[1],
                "node-a",
                name,
                String.valueOf(ports.get(0)),
                peers));
        int portA = Integer.parseInt(childA.awaitLine("READY ").substring("READY ".length()));
        List<SwitchboardServer> inProcess = new ArrayList<>();
        for (int i = 1; i < 3; i++) {
            ServerConfig.Builder config = Fixtures.serverConfig()
                    .name("node-" + (char) ('a' + i))
                    .store(store)
                    .clusterName(name)
                    .clusterHost("127.0.0.1")
                    .clusterDiscovery("static")
                    .clusterPort(ports.get(i))
                    .clusterLinkPort(0)
                    .clusterPeers(List.of(peers.split(",")));
            if (i == 2) {
                config.frontDoors(List.of(tcp));
            }
            inProcess.add(track(SwitchboardServer.start(config.build())));
        }
        SwitchboardServer b = inProcess.get(0);
        SwitchboardServer c = inProcess.get(1);
        Fixtures.await(
                "three members",
                () -> inProcess.stream()
                        .allMatch(n -> n.cluster().orElseThrow().members().size() == 3));

        // The handler on node a takes the inputs and never answers them.
        CountDownLatch never = new CountDownLatch(1);
        Set<String> held = ConcurrentHashMap.newKeySet();
        SwitchboardClient onA = track(Fixtures.client("tcp://127.0.0.1:" + portA, codec));
        open.add(never::countDown); // closed before the client: its callbacks end first
        onA.handleFrontDoor("chat", (line, input) -> {
            held.add(line.id());
            never.await(60, TimeUnit.SECONDS);
            return null;
        });
        Fixtures.await(
                "node c sees the handler on node a",
                () -> c.frontDoorStats("chat").instances() == 1);
        List<FrontDoorUser> users = FrontDoorFixtures.users(c, tcp, 3);
        users.forEach(this::track);
        for (FrontDoorUser user : users) {
            user.send("held");
        }
        Fixtures.await("node a's handler holds every input", () -> held.size() == users.size());

        Map<String, Boolean> redelivered = new ConcurrentHashMap<>();
        SwitchboardClient onB = track(Fixtures.client(Fixtures.tcpUrl(b), codec));
        track(onB.handleFrontDoor("chat", (line, input) -> {
            redelivered.put(line.id(), line.redelivered());
            return "b: " + input.text();
        }));
        Fixtures.await(
                "node c sees the handler on node b too",
                () -> c.frontDoorStats("chat").instances() == 2);

        long killed = System.nanoTime();
        childA.kill(); // SIGKILL: node a leaves the view by failure detection, with the inputs in flight
        for (FrontDoorUser user : users) {
            assertThat(user.next()).isEqualTo("b: held");
            assertThat(user.isOpen()).isTrue();
        }
        // Printed, not asserted: how long the users waited for node b's answers after the kill.
        System.out.printf(
                "front door failover: every held input answered by node b %d ms after node a was killed%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        assertThat(redelivered.keySet()).isEqualTo(held);
        assertThat(redelivered.values()).containsOnly(true);
    }
}
