package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.TestPeer;
import io.switchboard.server.testing.WebSocketUser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every limit closes the line with its documented reason, and overflow is never silent. */
class FrontDoorLimitsTest extends FrontDoorServerTest {

    private static FrontDoorConfig.Builder tcp() {
        return FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo");
    }

    private static FrontDoorConfig.Builder websocket() {
        return FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "echo");
    }

    @Test
    void overflowDropTellsTheUserCountsAndReportsTheDropInTheWelcomeBack() throws Exception {
        int port = start(tcp().bufferBytes(10).overflowNotice("full!"));
        TcpUser user = track(new TcpUser(port));
        user.send("12345678");
        user.send("abcdef");
        assertThat(user.next()).isEqualTo("full!");
        user.send("uvwxyz");
        user.send("x");
        Awaits.until(
                "two drops are counted", () -> server.frontDoorStats("echo").dropped() == 2);
        assertThat(user.poll(100))
                .as("the notice comes once until input flows again")
                .isNull();

        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "json"));
        Deliver welcome = handler.event("welcome-back");
        JsonNode line = handler.payload(welcome).get("lines").get(0);
        assertThat(line.get("dropped").asInt()).isEqualTo(2);
        assertThat(line.get("announced").asBoolean()).isFalse();
        handler.ok(welcome, null);
        handler.ack("connect");
        assertThat(handler.payload(handler.ack("input")).asText()).isEqualTo("12345678");
        assertThat(handler.payload(handler.ack("input")).asText()).isEqualTo("x");
    }

    @Test
    void overflowCloseClosesTheLineWithItsReason() throws Exception {
        int port = start(tcp().bufferBytes(4).overflow(OverflowPolicy.CLOSE));
        TcpUser user = track(new TcpUser(port));
        user.send("12345");
        assertThat(user.next()).isEqualTo("closed: input buffer full");
        user.awaitClosed();
        assertThat(server.frontDoorStats("echo").closedBufferFull()).isEqualTo(1);
    }

    @Test
    void inputFasterThanTheRateClosesTheLine() throws Exception {
        int port = start(tcp().maxInputRate(1));
        TcpUser user = track(new TcpUser(port));
        // One write: all five inputs arrive at once, faster than 1/s.
        user.write("m0\nm1\nm2\nm3\nm4\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(user.next()).isEqualTo("closed: input rate exceeded");
        user.awaitClosed();
        assertThat(server.frontDoorStats("echo").closedRateExceeded()).isEqualTo(1);
    }

    @Test
    void aTcpLineLongerThanTheLimitClosesTheLine() throws Exception {
        int port = start(tcp().maxMessageBytes(8));
        TcpUser user = track(new TcpUser(port));
        user.send("12345678");
        user.send("123456789");
        assertThat(user.next()).isEqualTo("closed: message too long");
        user.awaitClosed();
        assertThat(server.frontDoorStats("echo").closedMessageTooLong()).isEqualTo(1);
    }

    @Test
    void aWebSocketMessageLongerThanTheLimitClosesWith1009() throws Exception {
        int port = start(websocket().maxMessageBytes(8));
        WebSocketUser user = track(new WebSocketUser(port, "/"));
        user.sendTextInParts("12345", "6789");
        WebSocketUser.Received close = user.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1009);
        assertThat(close.closeReason()).isEqualTo("message too long");
    }

    @Test
    void moreLinesThanTheLimitAreRefusedWithTheReason() throws Exception {
        int port = start(tcp().maxLines(1));
        track(new TcpUser(port));
        Awaits.until(
                "the first line is open", () -> server.frontDoorStats("echo").openLines() == 1);
        TcpUser second = track(new TcpUser(port));
        assertThat(second.next()).isEqualTo("closed: too many lines");
        second.awaitClosed();
        assertThat(server.frontDoorStats("echo").closedTooManyLines()).isEqualTo(1);
    }

    @Test
    void aWebSocketBeyondMaxLinesIsClosedWith1013() throws Exception {
        int port = start(websocket().maxLines(1));
        track(new WebSocketUser(port, "/"));
        Awaits.until(
                "the first line is open", () -> server.frontDoorStats("echo").openLines() == 1);
        WebSocketUser second = track(new WebSocketUser(port, "/"));
        WebSocketUser.Received close = second.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1013);
        assertThat(close.closeReason()).isEqualTo("too many lines");
    }

    @Test
    void shutdownClosesLinesTellingUsersWhy() throws Exception {
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .shutdownGraceMs(100)
                .frontDoors(List.of(
                        tcp().build(),
                        FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat")
                                .build()))
                .build());
        TcpUser tcpUser = track(new TcpUser(server.frontDoorPort("echo")));
        WebSocketUser wsUser = track(new WebSocketUser(server.frontDoorPort("chat"), "/"));
        Awaits.until(
                "both lines are open",
                () -> server.frontDoorStats("echo").openLines() == 1
                        && server.frontDoorStats("chat").openLines() == 1);
        server.close();
        assertThat(tcpUser.next()).isEqualTo("closed: server shutting down");
        WebSocketUser.Received close = wsUser.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1001);
        assertThat(close.closeReason()).isEqualTo("server shutting down");
        server = null;
    }

    @Test
    void aPlainHttpRequestForAnotherPathGets404() throws Exception {
        int port = start(websocket().path("/chat"));
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/other"))
                                .timeout(TestPeer.WAIT)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(server.frontDoorStats("echo").openLines()).isZero();
    }
}
