package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.WebSocketUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Users' events reach the handler instance and its replies reach the right user, in order, over real sockets. */
class FrontDoorEventsTest extends FrontDoorServerTest {

    @Test
    void tcpInputReachesTheHandlerAndRepliesReachTheUserInOrder() throws Exception {
        start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "cbor"));
        Deliver welcome = handler.event("welcome-back");
        JsonNode document = handler.payload(welcome);
        assertThat(document.get("reason").asText()).isEqualTo("published");
        assertThat(document.get("lines")).isEmpty();
        assertThat(welcome.meta().caller()).isEqualTo("$front-door/echo");
        handler.ok(welcome, null);

        TcpUser user = track(new TcpUser(server.frontDoorPort("echo")));
        Deliver connect = handler.event("connect");
        String line = connect.meta().headers().get("line");
        assertThat(line).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(connect.meta().headers())
                .containsEntry("protocol", "tcp")
                .containsEntry("front_door", "echo")
                .containsKey("connected_at")
                .containsKey("remote");
        assertThat(connect.meta().headers().get("remote")).startsWith("127.0.0.1:");
        handler.ok(connect, null);

        user.send("one");
        user.send("two\r");
        Deliver first = handler.event("input");
        assertThat(first.meta().headers())
                .containsEntry("line", line)
                .containsEntry("kind", "text")
                .containsKey("received_at");
        assertThat(handler.payload(first).asText()).isEqualTo("one");
        // One event in flight per line: the second waits for the first's RESULT.
        assertThat(handler.peer.poll(java.time.Duration.ofMillis(200))).isNull();
        handler.ok(first, "ONE");
        Deliver second = handler.event("input");
        assertThat(handler.payload(second).asText()).isEqualTo("two");
        handler.ok(second, Map.of("n", 2));
        assertThat(user.next()).isEqualTo("ONE");
        assertThat(user.next()).isEqualTo("{\"n\":2}");

        Result sent = handler.lines("send", Map.of("line", line, "text", "pushed"));
        assertThat(sent.code()).isEqualTo(ResultCode.OK);
        assertThat(user.next()).isEqualTo("pushed");

        user.close();
        Deliver disconnect = handler.event("disconnect");
        assertThat(disconnect.meta().headers()).containsEntry("line", line).containsEntry("reason", "closed by user");
        handler.ok(disconnect, null);
        Result gone = handler.lines("send", Map.of("line", line, "text", "late"));
        assertThat(gone.code()).isEqualTo(ResultCode.NO_SUCH_LINE);
    }

    @Test
    void webSocketTextAndBinaryMessagesReachTheHandlerAndRepliesComeBackAsFrames() throws Exception {
        start(FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat").path("/chat"));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        handler.ack("welcome-back");
        WebSocketUser user = track(new WebSocketUser(server.frontDoorPort("chat"), "/chat"));
        Deliver connect = handler.event("connect");
        assertThat(connect.meta().headers()).containsEntry("protocol", "websocket");
        handler.ok(connect, null);

        user.sendText("héllo");
        Deliver text = handler.event("input");
        assertThat(text.meta().headers()).containsEntry("kind", "text");
        assertThat(handler.payload(text).asText()).isEqualTo("héllo");
        handler.ok(text, "hi");
        assertThat(user.nextText()).isEqualTo("hi");

        user.sendBinary(new byte[] {0, (byte) 0xff, 10});
        Deliver binary = handler.event("input");
        assertThat(binary.meta().headers()).containsEntry("kind", "binary");
        // JSON instance: the bytes arrive as a base64 string.
        assertThat(handler.payload(binary).binaryValue()).containsExactly(0, 0xff, 10);
        handler.ok(binary, null);

        user.sendTextInParts("frag", "mented");
        Deliver joined = handler.event("input");
        assertThat(handler.payload(joined).asText()).isEqualTo("fragmented");
        handler.ok(joined, null);

        String line = connect.meta().headers().get("line");
        assertThat(handler.lines(
                                "send",
                                Map.of(
                                        "line",
                                        line,
                                        "binary",
                                        java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
                        .code())
                .isEqualTo(ResultCode.OK);
        assertThat(user.next().binary()).containsExactly(1, 2, 3);
        assertThat(handler.lines("close", Map.of("line", line, "reason", "bye now"))
                        .code())
                .isEqualTo(ResultCode.OK);
        WebSocketUser.Received close = user.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1000);
        assertThat(close.closeReason()).isEqualTo("bye now");
        Deliver disconnect = handler.event("disconnect");
        assertThat(disconnect.meta().headers()).containsEntry("reason", "closed by application: bye now");
        handler.ok(disconnect, null);
    }

    @Test
    void tcpInputThatIsNotUtf8IsBinaryAndCborRepliesOfBytesAreWrittenRaw() throws Exception {
        start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "cbor"));
        handler.ack("welcome-back");
        TcpUser user = track(new TcpUser(server.frontDoorPort("echo")));
        handler.ack("connect");
        user.write(new byte[] {(byte) 0xc3, 0x28, '\n'});
        Deliver input = handler.event("input");
        assertThat(input.meta().headers()).containsEntry("kind", "binary");
        assertThat(handler.payload(input).binaryValue()).containsExactly(0xc3, 0x28);
        handler.ok(input, new byte[] {(byte) 0xfe, 'x'});
        assertThat(user.nextBytes()).containsExactly(0xfe, 'x');
    }

    @Test
    void aTextModeHandlerGetsCompactJsonEvents() throws Exception {
        start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"));
        HandlerPeer handler = track(HandlerPeer.publishText(server.tcpPort(), "echo"));
        handler.ack("welcome-back");
        TcpUser user = track(new TcpUser(server.frontDoorPort("echo")));
        String line = handler.ack("connect").meta().headers().get("line");
        user.send("say \"hi\"\tnow");
        Deliver input = handler.event("input");
        assertThat(handler.payload(input).asText()).isEqualTo("say \"hi\"\tnow");
        handler.ok(input, "ok \"you\"");
        assertThat(user.next()).isEqualTo("ok \"you\"");
        assertThat(handler.lines("send", Map.of("line", line, "text", "pushed")).code())
                .isEqualTo(ResultCode.OK);
        assertThat(user.next()).isEqualTo("pushed");
    }

    @Test
    void twoFrontDoorsMayShareOneHandlerAlias() throws Exception {
        start(
                FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat").name("chat-tcp"),
                FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat").name("chat-ws"));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        java.util.Set<String> welcomed = new java.util.HashSet<>();
        welcomed.add(
                handler.payload(handler.ack("welcome-back")).get("front_door").asText());
        welcomed.add(
                handler.payload(handler.ack("welcome-back")).get("front_door").asText());
        assertThat(welcomed).containsExactlyInAnyOrder("chat-tcp", "chat-ws");
        TcpUser tcpUser = track(new TcpUser(server.frontDoorPort("chat-tcp")));
        assertThat(handler.ack("connect").meta().headers()).containsEntry("front_door", "chat-tcp");
        WebSocketUser wsUser = track(new WebSocketUser(server.frontDoorPort("chat-ws"), "/"));
        String wsLine = handler.ack("connect").meta().headers().get("line");
        tcpUser.send("to the web");
        Deliver input = handler.event("input");
        assertThat(input.meta().headers()).containsEntry("front_door", "chat-tcp");
        assertThat(handler.lines(
                                "send",
                                Map.of(
                                        "line",
                                        wsLine,
                                        "text",
                                        handler.payload(input).asText()))
                        .code())
                .isEqualTo(ResultCode.OK);
        handler.ok(input, null);
        assertThat(wsUser.nextText()).isEqualTo("to the web");
    }
}
