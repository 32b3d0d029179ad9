package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work a client queues while it is disconnected goes onto the wire in the order it was made: the client reaches
 * the server through a relay that is cut and reopened, and makes 100 calls (or 100 {@code $lines} sends) while
 * the relay is down.
 */
class ReconnectOrderTest {

    private static final int COUNT = 100;

    private final ExecutorService handlerThread = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
    private SwitchboardServer server;
    private FrontDoorConfig door;

    @BeforeEach
    void start() {
        door = FrontDoorFixtures.tcp("ordered").build();
        server = SwitchboardServer.start(
                Fixtures.serverConfig().frontDoors(List.of(door)).build());
    }

    @AfterEach
    void stop() {
        for (int i = closeAtEnd.size() - 1; i >= 0; i--) {
            Fixtures.closeAll(closeAtEnd.get(i));
        }
        Fixtures.closeAll(server);
        handlerThread.shutdownNow();
    }

    private <T extends AutoCloseable> T closeAtEnd(T closeable) {
        closeAtEnd.add(closeable);
        return closeable;
    }

    /** Cuts the relay {@code client} reaches the server through, and waits until the client notices. */
    private static void cut(TcpRelay relay, SwitchboardClient client) {
        relay.close();
        Fixtures.await("the client notices the relay is gone", () -> !client.isConnected());
    }

    @Test
    void callsMadeWhileDisconnectedReachThePublisherInOrder() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        SwitchboardClient publisher = closeAtEnd(Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR));
        closeAtEnd(publisher.publish(
                "seq",
                List.of("take"),
                call -> {
                    received.add(call.payloadAs(Integer.class));
                    return null;
                },
                handlerThread));
        TcpRelay relay = closeAtEnd(TcpRelay.open(server.tcpPort()));
        SwitchboardClient caller = closeAtEnd(Fixtures.client(relay.url(), Codec.CBOR));

        cut(relay, caller);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            calls.add(caller.callAsync("seq", "take", i, Void.class));
        }
        closeAtEnd(relay.reopen());
        CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
                .get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(received).isEqualTo(IntStream.range(0, COUNT).boxed().toList());
    }

    @Test
    void lineSendsMadeWhileDisconnectedReachTheUserInOrder() throws Exception {
        SwitchboardClient handler = closeAtEnd(Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR));
        Publication handling = closeAtEnd(handler.handleFrontDoor(door.name(), new EchoLines("H", report -> {})));
        assertThat(handling.alias()).isEqualTo(door.name());
        TcpUser user = closeAtEnd(FrontDoorFixtures.tcpUser(server, door));
        String line = user.whoami();
        TcpRelay relay = closeAtEnd(TcpRelay.open(server.tcpPort()));
        SwitchboardClient pusher = closeAtEnd(Fixtures.client(relay.url(), Codec.JSON));

        cut(relay, pusher);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < COUNT; m++) {
            sends.add(pusher.lines().sendAsync(line, "m" + m));
            expected.add("m" + m);
        }
        closeAtEnd(relay.reopen());
        CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0]))
                .get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(user.next(COUNT)).isEqualTo(expected);
    }
}
