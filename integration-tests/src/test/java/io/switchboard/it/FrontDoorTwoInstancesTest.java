package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two handler instances in child JVMs share the front doors; one is killed with SIGKILL: its lines move to the
 * other with a welcome-back (reason moved) that lists exactly them, and no user is disconnected.
 */
class FrontDoorTwoInstancesTest {

    @Test
    void theLinesOfAKilledInstanceMoveToTheOtherWithoutAnyUserNoticing() throws Exception {
        FrontDoorConfig tcpDoor = FrontDoorFixtures.tcp("pair-tcp").build();
        FrontDoorConfig wsDoor = FrontDoorFixtures.websocket("pair-ws").build();
        List<FrontDoorUser> users = new ArrayList<>();
        ChildJvm a = null;
        ChildJvm b = null;
        try (SwitchboardServer server = SwitchboardServer.start(
                Fixtures.serverConfig().frontDoors(List.of(tcpDoor, wsDoor)).build())) {
            a = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "A", "pair-tcp", "pair-ws");
            a.awaitLine("READY");
            b = ChildJvm.start(FrontDoorHandlerMain.class, Fixtures.tcpUrl(server), "B", "pair-tcp", "pair-ws");
            b.awaitLine("READY");
            Fixtures.await(
                    "both instances handle both doors",
                    () -> server.frontDoorStats("pair-tcp").instances() == 2
                            && server.frontDoorStats("pair-ws").instances() == 2);

            users.addAll(FrontDoorFixtures.users(server, tcpDoor, 20));
            users.addAll(FrontDoorFixtures.users(server, wsDoor, 20));
            Map<String, Set<String>> aLinesByDoor = Map.of("pair-tcp", new HashSet<>(), "pair-ws", new HashSet<>());
            Map<FrontDoorUser, String> lineOf = new HashMap<>();
            int onB = 0;
            for (FrontDoorUser user : users) {
                user.send("whoami");
                String[] answer = user.next().split(" "); // id <line> by <instance>
                lineOf.put(user, answer[1]);
                if (answer[3].equals("A")) {
                    aLinesByDoor
                            .get(user.protocol().equals("tcp") ? "pair-tcp" : "pair-ws")
                            .add(answer[1]);
                } else {
                    onB++;
                }
            }
            assertThat(onB).as("new lines go to the instance with the fewest").isBetween(15, 25);

            a.kill();
            Map<String, String> moved = FrontDoorFixtures.welcomes(b, "moved", "pair-tcp", "pair-ws");
            for (String door : List.of("pair-tcp", "pair-ws")) {
                assertThat(EchoLines.idsOf(moved.get(door), "open"))
                        .as("lines of %s moved to B", door)
                        .isEqualTo(aLinesByDoor.get(door));
            }
            for (FrontDoorUser user : users) {
                user.send("still there?");
            }
            for (FrontDoorUser user : users) {
                assertThat(user.next()).isEqualTo("echo still there? by B");
            }
            assertThat(users).as("no user was disconnected").allMatch(FrontDoorUser::isOpen);
            assertThat(server.frontDoorStats("pair-tcp").openLines()
                            + server.frontDoorStats("pair-ws").openLines())
                    .isEqualTo(users.size());
        } finally {
            users.forEach(Fixtures::closeAll);
            Fixtures.closeAll(a, b);
        }
    }
}
