package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.LineInput;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.WelcomeBack;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * More lines than one welcome-back part holds (1000): the server sends several parts, the Java client gives the
 * handler one welcome-back with every line, then each line's connect, which waited for the welcome-back.
 */
class FrontDoorWelcomeBackTest {

    private static final int LINES = 1_234;

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "CBOR"}) // converted by Codec.valueOf
    void aWelcomeBackInSeveralPartsReachesTheHandlerAsOne(Codec codec) throws Exception {
        FrontDoorConfig door = FrontDoorFixtures.tcp("crowd").build();
        List<Socket> users = new ArrayList<>();
        try (SwitchboardServer server = SwitchboardServer.start(
                        Fixtures.serverConfig().frontDoors(List.of(door)).build());
                SwitchboardClient app = Fixtures.client(Fixtures.tcpUrl(server), codec)) {
            int port = server.frontDoorPort(door.name());
            for (int i = 0; i < LINES; i++) {
                users.add(new Socket(InetAddress.getLoopbackAddress(), port)); // idle users: nobody reads
            }
            Fixtures.await(
                    "every line is open", () -> server.frontDoorStats("crowd").openLines() == LINES);

            List<WelcomeBack> welcomes = new CopyOnWriteArrayList<>();
            Set<String> connectedAfterWelcome = ConcurrentHashMap.newKeySet();
            FrontDoorHandler handler = new FrontDoorHandler() {
                @Override
                public void onWelcomeBack(WelcomeBack welcome) {
                    welcomes.add(welcome);
                }

                @Override
                public void onConnect(Line line) {
                    if (!welcomes.isEmpty()) {
                        connectedAfterWelcome.add(line.id());
                    }
                }

                @Override
                public Object onInput(Line line, LineInput input) {
                    return null;
                }
            };
            try (Publication handling = app.handleFrontDoor("crowd", handler)) {
                Fixtures.await("every line's connect", () -> connectedAfterWelcome.size() == LINES);
                assertThat(welcomes).as("one callback for all parts").hasSize(1);
                WelcomeBack welcome = welcomes.get(0);
                assertThat(welcome.reason()).isEqualTo(WelcomeBack.PUBLISHED);
                assertThat(welcome.disconnected()).isEmpty();
                Set<String> listed =
                        welcome.lines().stream().map(e -> e.line().id()).collect(Collectors.toSet());
                assertThat(listed).hasSize(LINES).isEqualTo(new HashSet<>(connectedAfterWelcome));
                assertThat(welcome.lines()).allSatisfy(e -> {
                    assertThat(e.announced()).isFalse();
                    assertThat(e.line().protocol()).isEqualTo("tcp");
                    assertThat(e.line().frontDoor()).isEqualTo("crowd");
                });
            }
        } finally {
            users.forEach(Fixtures::closeAll);
        }
    }
}
