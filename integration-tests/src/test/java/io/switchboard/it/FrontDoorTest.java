package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.BroadcastResult;
import io.switchboard.client.LineNotFoundException;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users on a tcp and a websocket front door of a real server, the handler a plain client in this JVM (the tcp
 * door's in CBOR, the websocket door's in JSON): input reaches the handler, replies and pushes reach the right
 * user in order, broadcasts reach exactly the lines asked for, close tells the user and the handler.
 */
class FrontDoorTest {

    private FrontDoorConfig tcpDoor;
    private FrontDoorConfig wsDoor;
    private SwitchboardServer server;
    private SwitchboardClient tcpApp;
    private SwitchboardClient wsApp;
    private SwitchboardClient pusher;
    private final List<String> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        tcpDoor = FrontDoorFixtures.tcp("talk-tcp").build();
        wsDoor = FrontDoorFixtures.websocket("talk-ws").build();
        server = SwitchboardServer.start(
                Fixtures.serverConfig().frontDoors(List.of(tcpDoor, wsDoor)).build());
        tcpApp = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
        wsApp = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
        pusher = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
        Publication tcpHandling = tcpApp.handleFrontDoor("talk-tcp", new EchoLines("T", reports::add));
        Publication wsHandling = wsApp.handleFrontDoor("talk-ws", new EchoLines("W", reports::add));
        closeAtEnd.add(tcpHandling);
        closeAtEnd.add(wsHandling);
        awaitReport("WELCOME talk-tcp published");
        awaitReport("WELCOME talk-ws published");
    }

    @AfterEach
    void stop() {
        closeAtEnd.forEach(Fixtures::closeAll);
        Fixtures.closeAll(pusher, wsApp, tcpApp, server);
    }

    /** Takes the first report starting with {@code prefix}, waiting for it (bounded); others stay for later. */
    private String awaitReport(String prefix) {
        String[] found = new String[1];
        Fixtures.await("the handler reports '" + prefix + "...'", () -> {
            synchronized (reports) {
                for (java.util.Iterator<String> it = reports.iterator(); it.hasNext(); ) {
                    String report = it.next();
                    if (report.startsWith(prefix)) {
                        it.remove();
                        found[0] = report;
                        return true;
                    }
                }
                return false;
            }
        });
        return found[0];
    }

    private List<FrontDoorUser> connectUsers(int perDoor) throws Exception {
        List<FrontDoorUser> users = new ArrayList<>();
        users.addAll(FrontDoorFixtures.users(server, tcpDoor, perDoor));
        users.addAll(FrontDoorFixtures.users(server, wsDoor, perDoor));
        closeAtEnd.addAll(users);
        return users;
    }

    @Test
    void inputReachesTheHandlerAndRepliesReachTheRightUserInOrder() throws Exception {
        List<FrontDoorUser> users = connectUsers(3);
        // Everyone types at once, so replies of different lines interleave on the server.
        for (int m = 0; m < 20; m++) {
            for (int u = 0; u < users.size(); u++) {
                users.get(u).send("u" + u + " m" + m);
            }
        }
        for (int u = 0; u < users.size(); u++) {
            FrontDoorUser user = users.get(u);
            String by = user.protocol().equals("tcp") ? "T" : "W";
            List<String> expected = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                expected.add("echo u" + u + " m" + m + " by " + by);
            }
            assertThat(user.next(20))
                    .as("replies to %s user %d", user.protocol(), u)
                    .isEqualTo(expected);
        }
        assertThat(users).allMatch(FrontDoorUser::isOpen);
    }

    @Test
    void binaryInputOverWebSocketComesBackAsBinaryThroughAJsonHandler() throws Exception {
        WsUser user = FrontDoorFixtures.wsUser(server, wsDoor);
        closeAtEnd.add(user);
        byte[] data = {0, 1, (byte) 0xfe, (byte) 0xff, '\n', 42};
        user.sendBinary(data);
        user.send("after");
        byte[] echoed = user.receivedBinary().poll(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(echoed).isEqualTo(data);
        assertThat(user.next()).isEqualTo("echo after by W");
    }

    @Test
    void pushesReachTheRightUserInOrderAndBroadcastsReachExactlyTheLinesAskedFor() throws Exception {
        List<FrontDoorUser> users = connectUsers(3);
        Map<String, FrontDoorUser> byLine = new LinkedHashMap<>();
        for (FrontDoorUser user : users) {
            byLine.put(user.whoami(), user);
        }
        List<String> ids = new ArrayList<>(byLine.keySet());

        // Interleaved async sends from one connection: each user's arrive in the order they were made.
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            for (String id : ids) {
                sent.add(pusher.lines().sendAsync(id, "push " + k + " to " + id));
            }
        }
        CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0]))
                .get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        for (String id : ids) {
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < 30; k++) {
                expected.add("push " + k + " to " + id);
            }
            assertThat(byLine.get(id).next(30)).isEqualTo(expected);
        }

        String tcpLine = ids.get(0);
        String wsLine = ids.get(3);
        BroadcastResult some = pusher.lines().broadcast(List.of(tcpLine, wsLine, "AAAAAAAAAAAAAAAAAAAAAA"), "to two");
        assertThat(some.sent()).isEqualTo(2);
        assertThat(some.missing()).containsExactly("AAAAAAAAAAAAAAAAAAAAAA");
        BroadcastResult allWs = pusher.lines().broadcastAll(wsDoor.name(), "to every ws user");
        assertThat(allWs).isEqualTo(new BroadcastResult(3, List.of()));
        for (String id : ids) {
            pusher.lines().send(id, "last");
        }
        for (String id : ids) {
            List<String> expected = new ArrayList<>();
            if (id.equals(tcpLine) || id.equals(wsLine)) {
                expected.add("to two");
            }
            if (byLine.get(id).protocol().equals("websocket")) {
                expected.add("to every ws user");
            }
            expected.add("last");
            assertThat(byLine.get(id).next(expected.size()))
                    .as("what line %s got", id)
                    .isEqualTo(expected);
        }
    }

    @Test
    void closeTellsTheUserAndTheHandlerAndTheLineIsGoneAfterwards() throws Exception {
        TcpUser tcpUser = FrontDoorFixtures.tcpUser(server, tcpDoor);
        WsUser wsUser = FrontDoorFixtures.wsUser(server, wsDoor);
        closeAtEnd.add(tcpUser);
        closeAtEnd.add(wsUser);
        String tcpLine = tcpUser.whoami();
        String wsLine = wsUser.whoami();

        pusher.lines().close(tcpLine, "bye now");
        pusher.lines().close(wsLine, "see you");
        assertThat(tcpUser.next()).isEqualTo("closed: bye now");
        Fixtures.await("the tcp user's connection is closed", () -> !tcpUser.isOpen());
        assertThat(wsUser.closeReason()).isEqualTo("1000 see you");
        assertThat(awaitReport("DISCONNECT " + tcpLine)).endsWith("closed by application: bye now");
        assertThat(awaitReport("DISCONNECT " + wsLine)).endsWith("closed by application: see you");

        LineNotFoundException gone = catchThrowableOfType(
                LineNotFoundException.class, () -> pusher.lines().send(tcpLine, "anyone?"));
        assertThat(gone).isNotNull();
        assertThat(gone.code()).isEqualTo(ResultCode.NO_SUCH_LINE);
        assertThat(catchThrowableOfType(
                        LineNotFoundException.class, () -> pusher.lines().close(wsLine, null)))
                .isNotNull();
    }

    @Test
    void aUserWhoLeavesIsReportedToTheHandler() throws Exception {
        TcpUser user = FrontDoorFixtures.tcpUser(server, tcpDoor);
        String line = user.whoami();
        user.close();
        assertThat(awaitReport("DISCONNECT " + line)).endsWith("closed by user");
    }
}
