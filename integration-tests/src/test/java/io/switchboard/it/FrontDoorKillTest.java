package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.OverflowPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The handler is a plain client in a child JVM, killed with SIGKILL while users are connected: users stay
 * connected, what they type during the outage reaches the next handler in order after a welcome-back that lists
 * exactly the open lines; a long outage overflows the buffer by the documented policy, and users are told.
 */
class FrontDoorKillTest {

    private static final int USERS_PER_DOOR = 50;
    private static final int OUTAGE_MESSAGES = 5;

    @Test
    void usersStayConnectedThroughAHandlerKillAndTheirOutageInputArrivesInOrder() throws Exception {
        FrontDoorConfig tcpDoor = FrontDoorFixtures.tcp("kill-tcp")
                .outageNotice(FrontDoorFixtures.OUTAGE)
                .resumeNotice(FrontDoorFixtures.RESUME)
                .build();
        FrontDoorConfig wsDoor = FrontDoorFixtures.websocket("kill-ws")
                .outageNotice(FrontDoorFixtures.OUTAGE)
                .resumeNotice(FrontDoorFixtures.RESUME)
                .build();
        List<FrontDoorUser> users = new ArrayList<>();
        ChildJvm first = null;
        ChildJvm second = null;
        try (SwitchboardServer server = SwitchboardServer.start(
                Fixtures.serverConfig().frontDoors(List.of(tcpDoor, wsDoor)).build())) {
            first = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "A", "kill-tcp", "kill-ws");
            first.awaitLine("READY");
            users.addAll(FrontDoorFixtures.users(server, tcpDoor, USERS_PER_DOOR));
            users.addAll(FrontDoorFixtures.users(server, wsDoor, USERS_PER_DOOR));
            Map<String, Set<String>> linesByDoor = Map.of("kill-tcp", new HashSet<>(), "kill-ws", new HashSet<>());
            Map<FrontDoorUser, String> lineOf = new HashMap<>();
            for (FrontDoorUser user : users) {
                String line = user.whoami();
                lineOf.put(user, line);
                linesByDoor
                        .get(user.protocol().equals("tcp") ? "kill-tcp" : "kill-ws")
                        .add(line);
            }

            // Two more users, who leave during the outage.
            List<FrontDoorUser> leaving =
                    List.of(FrontDoorFixtures.tcpUser(server, tcpDoor), FrontDoorFixtures.wsUser(server, wsDoor));
            Map<String, String> leavingLines = new HashMap<>();
            for (FrontDoorUser user : leaving) {
                leavingLines.put(user.whoami(), user.protocol().equals("tcp") ? "kill-tcp" : "kill-ws");
            }

            first.kill(); // SIGKILL: no RESCIND, no goodbye; the server sees the connection drop
            for (FrontDoorUser user : users) {
                assertThat(user.next()).as("the outage notice").isEqualTo(FrontDoorFixtures.OUTAGE);
            }
            for (FrontDoorUser user : leaving) {
                user.close();
            }
            Fixtures.await(
                    "the leaving users' lines are closed",
                    () -> server.frontDoorStats("kill-tcp").openLines()
                                    + server.frontDoorStats("kill-ws").openLines()
                            == users.size());
            for (FrontDoorUser user : users) {
                for (int m = 1; m <= OUTAGE_MESSAGES; m++) {
                    user.send("m" + m + " of " + lineOf.get(user));
                }
            }

            second = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "B", "kill-tcp", "kill-ws");
            Map<String, String> welcomes = FrontDoorFixtures.welcomes(second, "published", "kill-tcp", "kill-ws");
            for (String door : List.of("kill-tcp", "kill-ws")) {
                assertThat(EchoLines.idsOf(welcomes.get(door), "open"))
                        .as("open lines of %s", door)
                        .isEqualTo(linesByDoor.get(door));
                assertThat(EchoLines.idsOf(welcomes.get(door), "disconnected"))
                        .as("lines that left %s", door)
                        .containsExactlyInAnyOrderElementsOf(leavingLines.entrySet().stream()
                                .filter(e -> e.getValue().equals(door))
                                .map(Map.Entry::getKey)
                                .toList());
            }
            for (String gone : leavingLines.keySet()) {
                assertThat(second.awaitPrinted("DISCONNECT " + gone))
                        .as("the disconnect follows the welcome-back")
                        .endsWith("closed by user");
            }

            for (FrontDoorUser user : users) {
                List<String> expected = new ArrayList<>();
                for (int m = 1; m <= OUTAGE_MESSAGES; m++) {
                    expected.add("echo m" + m + " of " + lineOf.get(user) + " by B");
                }
                List<String> got = user.next(OUTAGE_MESSAGES + 1);
                assertThat(got)
                        .as("the resume notice and the outage's input, in order")
                        .contains(FrontDoorFixtures.RESUME);
                got.remove(FrontDoorFixtures.RESUME);
                assertThat(got).isEqualTo(expected);
            }
            for (FrontDoorUser user : users) {
                user.send("after");
                assertThat(user.next()).isEqualTo("echo after by B");
            }
            assertThat(users).as("every user is still connected").allMatch(FrontDoorUser::isOpen);
        } finally {
            users.forEach(Fixtures::closeAll);
            Fixtures.closeAll(first, second);
        }
    }

    @Test
    void anEventTheKilledHandlerHeldIsRedeliveredMarkedAndTheLineGoesOnInOrder() throws Exception {
        FrontDoorConfig tcpDoor = FrontDoorFixtures.tcp("held-tcp").build();
        FrontDoorConfig wsDoor = FrontDoorFixtures.websocket("held-ws").build();
        List<FrontDoorUser> users = new ArrayList<>();
        ChildJvm first = null;
        ChildJvm second = null;
        try (SwitchboardServer server = SwitchboardServer.start(
                Fixtures.serverConfig().frontDoors(List.of(tcpDoor, wsDoor)).build())) {
            first = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "A", "held-tcp", "held-ws");
            first.awaitLine("READY");
            users.add(FrontDoorFixtures.tcpUser(server, tcpDoor));
            users.add(FrontDoorFixtures.wsUser(server, wsDoor));
            for (FrontDoorUser user : users) {
                String line = user.whoami();
                user.send("hold");
                first.awaitPrinted("HOLDING " + line);
                user.send("next"); // waits behind the held event: one event per line at a time
            }
            first.kill();
            second = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "B", "held-tcp", "held-ws");
            for (FrontDoorUser user : users) {
                assertThat(user.next(2))
                        .as("the held event again, marked, then the next in order")
                        .containsExactly("echo hold by B redelivered", "echo next by B");
            }
            assertThat(server.frontDoorStats("held-tcp").redelivered()).isEqualTo(1);
            assertThat(server.frontDoorStats("held-ws").redelivered()).isEqualTo(1);
            assertThat(users).allMatch(FrontDoorUser::isOpen);
        } finally {
            users.forEach(Fixtures::closeAll);
            Fixtures.closeAll(first, second);
        }
    }

    @Test
    void aLongOutageDropsWhatDoesNotFitTellsTheUsersAndCountsItInTheWelcomeBack() throws Exception {
        // 200 bytes of buffer per line: 8 of the 20-byte messages below fit, the rest are dropped.
        FrontDoorConfig tcpDoor = FrontDoorFixtures.tcp("drop-tcp")
                .bufferBytes(200)
                .overflow(OverflowPolicy.DROP)
                .overflowNotice("not kept, send again later")
                .build();
        FrontDoorConfig wsDoor = FrontDoorFixtures.websocket("drop-ws")
                .bufferBytes(200)
                .overflow(OverflowPolicy.DROP)
                .overflowNotice("not kept, send again later")
                .build();
        List<FrontDoorUser> users = new ArrayList<>();
        ChildJvm first = null;
        ChildJvm second = null;
        try (SwitchboardServer server = SwitchboardServer.start(
                Fixtures.serverConfig().frontDoors(List.of(tcpDoor, wsDoor)).build())) {
            first = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "A", "drop-tcp", "drop-ws");
            first.awaitLine("READY");
            users.addAll(FrontDoorFixtures.users(server, tcpDoor, 3));
            users.addAll(FrontDoorFixtures.users(server, wsDoor, 3));
            Map<FrontDoorUser, String> lineOf = new HashMap<>();
            for (FrontDoorUser user : users) {
                lineOf.put(user, user.whoami());
            }
            first.kill();
            Fixtures.await(
                    "the server sees the handler gone",
                    () -> server.frontDoorStats("drop-tcp").instances() == 0
                            && server.frontDoorStats("drop-ws").instances() == 0);

            for (FrontDoorUser user : users) {
                for (int m = 10; m < 30; m++) {
                    user.send("message number " + m); // 17 bytes, 20 with what a buffer may count around it
                }
            }
            for (FrontDoorUser user : users) {
                assertThat(user.next()).as("told once that input was not kept").isEqualTo("not kept, send again later");
            }

            second = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "B", "drop-tcp", "drop-ws");
            Map<String, String> welcomes = FrontDoorFixtures.welcomes(second, "published", "drop-tcp", "drop-ws");
            Map<String, Integer> dropped = new HashMap<>();
            for (String report : welcomes.values()) {
                String list = report.substring(report.indexOf("dropped=") + "dropped=".length());
                for (String entry : list.isEmpty() ? new String[0] : list.split(",")) {
                    dropped.put(entry.split(":")[0], Integer.parseInt(entry.split(":")[1]));
                }
            }
            for (FrontDoorUser user : users) {
                int lost = dropped.getOrDefault(lineOf.get(user), 0);
                assertThat(lost).as("inputs of %s dropped", lineOf.get(user)).isBetween(1, 19);
                List<String> expected = new ArrayList<>();
                for (int m = 10; m < 30 - lost; m++) {
                    expected.add("echo message number " + m + " by B");
                }
                assertThat(user.next(expected.size()))
                        .as("what was kept, in order")
                        .isEqualTo(expected);
                user.send("after");
                assertThat(user.next()).as("nothing else, then new input").isEqualTo("echo after by B");
            }
            assertThat(server.frontDoorStats("drop-tcp").dropped()
                            + server.frontDoorStats("drop-ws").dropped())
                    .isEqualTo(dropped.values().stream()
                            .mapToLong(Integer::longValue)
                            .sum());
            assertThat(users).allMatch(FrontDoorUser::isOpen);
        } finally {
            users.forEach(Fixtures::closeAll);
            Fixtures.closeAll(first, second);
        }
    }

    @Test
    void theClosePolicyClosesALineWhoseBufferOverflowsAndSaysWhy() throws Exception {
        FrontDoorConfig tcpDoor = FrontDoorFixtures.tcp("full-tcp")
                .bufferBytes(100)
                .maxInputRate(0)
                .overflow(OverflowPolicy.CLOSE)
                .build();
        FrontDoorConfig wsDoor = FrontDoorFixtures.websocket("full-ws")
                .bufferBytes(100)
                .maxInputRate(0)
                .overflow(OverflowPolicy.CLOSE)
                .build();
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                        .frontDoors(List.of(tcpDoor, wsDoor))
                        .build());
                TcpUser tcpUser = FrontDoorFixtures.tcpUser(server, tcpDoor);
                WsUser wsUser = FrontDoorFixtures.wsUser(server, wsDoor)) {
            // No handler at all: everything the users type waits in the buffer until it is full. The users go on
            // typing after the server closed the line: the reason must still reach them (the server lingers).
            // No rate limit: 200 messages at once would cross it too, and which of two crossed limits is found
            // first depends on how many messages one read delivers (io_uring reads them all at once).
            for (int m = 0; m < 200; m++) {
                try {
                    tcpUser.send("message number " + m);
                } catch (java.io.IOException closedMeanwhile) {
                    break;
                }
            }
            assertThat(tcpUser.next()).isEqualTo("closed: input buffer full");
            Fixtures.await("the tcp line is closed", () -> !tcpUser.isOpen());
            for (int m = 0; m < 200; m++) {
                try {
                    wsUser.send("message number " + m);
                } catch (java.io.IOException closedMeanwhile) {
                    break;
                }
            }
            assertThat(wsUser.closeReason()).isEqualTo("1008 input buffer full");
            assertThat(server.frontDoorStats("full-tcp").closedBufferFull()).isEqualTo(1);
            assertThat(server.frontDoorStats("full-ws").closedBufferFull()).isEqualTo(1);
        }
    }
}
