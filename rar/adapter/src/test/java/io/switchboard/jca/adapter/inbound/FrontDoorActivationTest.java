package io.switchboard.jca.adapter.inbound;

import static io.switchboard.jca.adapter.inbound.InboundBed.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.jca.api.frontdoor.WelcomeBack;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A {@link Lobby} bean handling a real server's tcp front door, with users on real sockets. */
class FrontDoorActivationTest {

    private static final String ALIAS = "lobby";

    private InboundBed bed;
    private int frontDoorPort;

    @BeforeEach
    void start() throws Exception {
        Lobby.events.clear();
        Lobby.welcomes.clear();
        Lobby.inputAttributes.clear();
        frontDoorPort = InboundBed.freePort();
        bed = InboundBed.withFrontDoors(FrontDoorConfig.builder(FrontDoorProtocol.TCP, frontDoorPort, ALIAS)
                .host("127.0.0.1")
                .build());
    }

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    private static TestEndpointFactory lobby() {
        return new TestEndpointFactory(Lobby.class, Lobby.Endpoint::new);
    }

    @Test
    void eventsReachTheBeanAndItsRepliesReachTheUser() throws Exception {
        TestEndpointFactory lobby = lobby();
        bed.activate(lobby, InboundBed.spec(ALIAS));
        await("the lobby's first welcome-back", () -> Lobby.welcomes.size() == 1);

        try (User ada = new User(frontDoorPort)) {
            await("ada's connect event", () -> Lobby.events.stream().anyMatch(e -> e.startsWith("connect ")));
            String line = lineOf(Lobby.events.get(Lobby.events.size() - 1));
            ada.say("hello");
            ada.say("how are you");
            assertThat(ada.read()).isEqualTo("you said hello");
            assertThat(ada.read()).isEqualTo("you said how are you");
            ada.close();
            await("ada's disconnect event", () -> Lobby.events.stream().anyMatch(e -> e.startsWith("disconnect ")));
            assertThat(Lobby.events)
                    .containsSubsequence(
                            "connect " + line + " tcp",
                            "input " + line + " hello",
                            "input " + line + " how are you",
                            "disconnect " + line + " closed by user");
        }
        assertThat(lobby.log.breaches).isEmpty();
    }

    @Test
    void aRedeployedBeanIsWelcomedBackWithTheOpenLinesAndTheInputItMissed() throws Exception {
        TestEndpointFactory lobby = lobby();
        SwitchboardActivationSpec spec = InboundBed.spec(ALIAS);
        bed.activate(lobby, spec);
        try (User ada = new User(frontDoorPort);
                User bob = new User(frontDoorPort)) {
            await(
                    "both connect events",
                    () -> Lobby.events.stream()
                                    .filter(e -> e.startsWith("connect "))
                                    .count()
                            == 2);
            ada.say("before");
            assertThat(ada.read()).isEqualTo("you said before");

            bed.adapter.endpointDeactivation(lobby, spec); // undeploy: the users stay connected to the server
            ada.say("while away 1");
            bob.say("while away");
            ada.say("while away 2");
            Lobby.events.clear();

            TestEndpointFactory redeployed = lobby();
            bed.activate(redeployed, InboundBed.spec(ALIAS));

            assertThat(ada.read()).isEqualTo("you said while away 1");
            assertThat(ada.read()).isEqualTo("you said while away 2");
            assertThat(bob.read()).isEqualTo("you said while away");
            WelcomeBack welcome = Lobby.welcomes.get(Lobby.welcomes.size() - 1);
            assertThat(welcome.reason()).isEqualTo("published");
            assertThat(welcome.lines()).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.announced()).isTrue();
                assertThat(entry.line().protocol()).isEqualTo("tcp");
            });
            assertThat(welcome.disconnected()).isEmpty();
            assertThat(Lobby.events.get(0))
                    .as("the welcome-back comes first")
                    .startsWith("welcome-back published 2 open");
            List<String> adaInput = Lobby.events.stream()
                    .filter(e -> e.startsWith("input ") && e.contains("while away "))
                    .toList();
            assertThat(adaInput).hasSize(2);
            assertThat(adaInput.get(0)).endsWith("while away 1");
            assertThat(adaInput.get(1)).endsWith("while away 2");
        }
    }

    @Test
    void attributesSetOnALineReachTheBeanWithItsEventsAndItsWelcomeBack() throws Exception {
        TestEndpointFactory lobby = lobby();
        SwitchboardActivationSpec spec = InboundBed.spec(ALIAS);
        bed.activate(lobby, spec);
        try (User ada = new User(frontDoorPort)) {
            await("ada's connect event", () -> Lobby.events.stream().anyMatch(e -> e.startsWith("connect ")));
            String line = lineOf(Lobby.events.get(Lobby.events.size() - 1));
            bed.caller("app").lines().setAttributes(line, Map.of("nick", "ada"));
            ada.say("hello");
            assertThat(ada.read()).isEqualTo("you said hello");
            assertThat(Lobby.inputAttributes.get(line)).containsExactly(Map.entry("nick", "ada"));

            bed.adapter.endpointDeactivation(lobby, spec); // the application goes; the line and its attributes stay
            bed.activate(lobby(), InboundBed.spec(ALIAS));
            await("the redeployed bean's welcome-back", () -> Lobby.welcomes.size() == 2);
            WelcomeBack welcome = Lobby.welcomes.get(1);
            assertThat(welcome.lines()).singleElement().satisfies(entry -> {
                assertThat(entry.line().id()).isEqualTo(line);
                assertThat(entry.line().attributes()).containsExactly(Map.entry("nick", "ada"));
                assertThat(entry.line().attribute("nick")).isEqualTo("ada");
            });
        }
    }

    private static String lineOf(String event) {
        return event.split(" ")[1];
    }

    /** An end user on the tcp front door: writes lines, reads lines with a deadline. */
    private static final class User implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        User(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) InboundBed.PATIENCE.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void say(String text) throws IOException {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** The next line from the server (a timeout fails the test). */
        String read() throws IOException {
            String line = in.readLine();
            assertThat(line).as("the server closed the line").isNotNull();
            return line;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
