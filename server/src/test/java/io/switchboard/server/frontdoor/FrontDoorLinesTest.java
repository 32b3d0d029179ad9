package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.TestPeer;
import io.switchboard.server.testing.WebSocketUser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's {@code $lines} session, and the rules a PUBLISH meets around front doors. */
class FrontDoorLinesTest extends FrontDoorServerTest {

    private HandlerPeer handler;

    @BeforeEach
    void startWithAHandler() throws Exception {
        start(
                FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"),
                FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat"));
        handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "cbor"));
        handler.ack("welcome-back");
    }

    private String connect(TcpUser[] users, int i) throws Exception {
        users[i] = track(new TcpUser(server.frontDoorPort("echo")));
        return handler.ack("connect").meta().headers().get("line");
    }

    @Test
    void broadcastReachesEveryListedLineAndNamesTheMissingOnes() throws Exception {
        TcpUser[] users = new TcpUser[3];
        String a = connect(users, 0);
        String b = connect(users, 1);
        connect(users, 2);
        Result result = handler.lines("broadcast", Map.of("lines", List.of(a, "nope", b), "text", "news"));
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        JsonNode answer = Codec.CBOR.mapper().readTree(result.payload());
        assertThat(answer.get("sent").asInt()).isEqualTo(2);
        assertThat(answer.get("missing").get(0).asText()).isEqualTo("nope");
        assertThat(users[0].next()).isEqualTo("news");
        assertThat(users[1].next()).isEqualTo("news");
        assertThat(users[2].poll(100)).isNull();

        Result all = handler.lines("broadcast", Map.of("front_door", "echo", "binary", new byte[] {7, 8}));
        assertThat(Codec.CBOR.mapper().readTree(all.payload()).get("sent").asInt())
                .isEqualTo(3);
        for (TcpUser user : users) {
            assertThat(user.nextBytes()).containsExactly(7, 8);
        }
    }

    /**
     * A broadcast encodes one frame for every websocket line: the JDK's client, which rejects a malformed or masked
     * frame, reads text and binary messages, and lengths in each of the frame's three length forms.
     */
    @Test
    void broadcastToWebSocketLinesSendsWholeFramesOfEveryLength() throws Exception {
        HandlerPeer chat = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        chat.ack("welcome-back");
        WebSocketUser[] users = new WebSocketUser[2];
        for (int i = 0; i < users.length; i++) {
            users[i] = track(new WebSocketUser(server.frontDoorPort("chat"), "/"));
            chat.ack("connect");
        }
        Result result = chat.lines("broadcast", Map.of("front_door", "chat", "text", "to all"));
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"sent\":2,\"missing\":[]}");
        for (WebSocketUser user : users) {
            assertThat(user.nextText()).isEqualTo("to all");
        }
        for (int length : new int[] {0, 125, 126, 65_535, 65_536, 70_001}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2); // two bytes a character, in UTF-8
            chat.lines("broadcast", Map.of("front_door", "chat", "text", text));
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) (length % 251));
            chat.lines("broadcast", Map.of("front_door", "chat", "binary", bytes));
            for (WebSocketUser user : users) {
                assertThat(user.nextText()).as("a text of %d bytes", length).isEqualTo(text);
                assertThat(user.next().binary()).as("binary, %d bytes", length).isEqualTo(bytes);
            }
        }
    }

    /**
     * Every websocket line can share one broadcast frame only because no line negotiates an extension (a compressed
     * frame would differ per line): a user offering permessage-deflate gets none, and reads the frame unmasked.
     */
    @Test
    void aWebSocketUserOfferingCompressionGetsNoneAndReadsTheBroadcastFrameAsIs() throws Exception {
        HandlerPeer chat = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        chat.ack("welcome-back");
        RawWebSocket user = track(new RawWebSocket(server.frontDoorPort("chat"), null));
        String offer = "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
        user.write(RawWebSocket.upgradeRequest("/").replace("\r\n\r\n", offer).getBytes(StandardCharsets.US_ASCII));
        String head = user.readResponseHeadWithHeaders();
        assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        chat.ack("connect");

        chat.lines("broadcast", Map.of("front_door", "chat", "text", "to all"));
        RawWebSocket.Frame frame = user.readFrame();
        assertThat(frame.opcode()).as("a text frame").isEqualTo(0x1);
        assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("to all");
    }

    @Test
    void aBroadcastToTcpAndWebSocketLinesTogetherSendsEachItsForm() throws Exception {
        HandlerPeer chat = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        chat.ack("welcome-back");
        WebSocketUser webSocketUser = track(new WebSocketUser(server.frontDoorPort("chat"), "/"));
        String webSocketLine = chat.ack("connect").meta().headers().get("line");
        TcpUser[] tcpUsers = new TcpUser[1];
        String tcpLine = connect(tcpUsers, 0);

        Result result = handler.lines("broadcast", Map.of("lines", List.of(tcpLine, webSocketLine), "text", "both"));
        assertThat(Codec.CBOR.mapper().readTree(result.payload()).get("sent").asInt())
                .isEqualTo(2);
        assertThat(tcpUsers[0].next()).isEqualTo("both");
        assertThat(webSocketUser.nextText()).isEqualTo("both");
    }

    @Test
    void unknownLinesAndBadDocumentsAreAnsweredClearly() throws Exception {
        assertThat(handler.lines("send", Map.of("line", "nope", "text", "x")).code())
                .isEqualTo(ResultCode.NO_SUCH_LINE);
        assertThat(handler.lines("close", Map.of("line", "nope")).code()).isEqualTo(ResultCode.NO_SUCH_LINE);
        Result noContent = handler.lines("send", Map.of("line", "nope"));
        assertThat(noContent.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(noContent.message()).contains("'text'").contains("'binary'");
        assertThat(handler.lines("send", List.of(1, 2)).code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(handler.lines("broadcast", Map.of("front_door", "other", "text", "x"))
                        .code())
                .isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(handler.lines("shout", Map.of()).code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
        handler.peer.send(new Deliver(77, "$other", "send", 1_000, new byte[0]));
        assertThat(handler.next(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
    }

    @Test
    void applicationCloseTellsTheUserAndTheHandler() throws Exception {
        TcpUser[] users = new TcpUser[1];
        String line = connect(users, 0);
        assertThat(handler.lines("close", Map.of("line", line, "reason", "maintenance"))
                        .code())
                .isEqualTo(ResultCode.OK);
        assertThat(users[0].next()).isEqualTo("closed: maintenance");
        users[0].awaitClosed();
        assertThat(handler.ack("disconnect").meta().headers())
                .containsEntry("reason", "closed by application: maintenance");
    }

    @Test
    void reservedAliasesAndIncompleteHandlersCannotBePublished() throws Exception {
        TestPeer peer = track(TestPeer.binary(server.tcpPort()));
        peer.hello();
        peer.send(new Publish(1, "$lines", List.of("send"), null, null));
        ErrorMessage reserved = peer.expect(ErrorMessage.class);
        assertThat(reserved.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(reserved.message()).contains("reserved");
        peer.send(new Publish(2, "chat", List.of("connect", "input"), null, null));
        ErrorMessage incomplete = peer.expect(ErrorMessage.class);
        assertThat(incomplete.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(incomplete.message()).contains("welcome-back");
        peer.send(new Publish(3, "ordinary", List.of("x"), null, null));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(3);
    }

    @Test
    void aHandlerSpeakingXmlIsRefusedClearlySinceEventsAreNotWrittenInXml() throws Exception {
        TestPeer peer = track(TestPeer.binary(server.tcpPort()));
        assertThat(peer.hello("xml").codec()).isEqualTo("xml");
        peer.send(new Publish(1, "chat", HandlerPeer.METHODS, null, null));
        ErrorMessage refused = peer.expect(ErrorMessage.class);
        assertThat(refused.req()).isEqualTo(1);
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.message()).contains("json, cbor or smile, not xml");
        peer.send(new Publish(2, "ordinary", List.of("x"), null, null));
        assertThat(peer.expect(Ack.class).req()).as("xml is fine elsewhere").isEqualTo(2);
    }
}
