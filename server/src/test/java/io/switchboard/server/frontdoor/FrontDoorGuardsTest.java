package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.RawWebSocket;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.TestPeer;
import io.switchboard.server.testing.WebSocketUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The limits on the users' side, over real sockets: silent and half-upgraded connections are closed, dead
 * websocket lines are found by ping, and one address can neither hold too many lines nor escape its input rate by
 * reconnecting, while another address still gets in (127.0.0.2 is a local address on Linux).
 */
class FrontDoorGuardsTest extends FrontDoorServerTest {

    private static FrontDoorConfig.Builder tcp() {
        return FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo");
    }

    private static FrontDoorConfig.Builder websocket() {
        return FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "echo");
    }

    @Test
    void aSilentOrHalfUpgradedWebSocketConnectionIsClosedAtTheHandshakeTimeout() throws Exception {
        int port = start(websocket().handshakeTimeoutMs(300));
        RawWebSocket silent = track(new RawWebSocket(port, null));
        RawWebSocket half = track(new RawWebSocket(port, null));
        half.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(silent.closedByServer()).isTrue();
        assertThat(half.closedByServer()).isTrue();
        assertThat(server.frontDoorStats("echo").closedSilent()).isEqualTo(2);

        WebSocketUser user = track(new WebSocketUser(port, "/"));
        Awaits.until(
                "a prompt upgrade opens a line",
                () -> server.frontDoorStats("echo").openLines() == 1);
        assertThat(server.frontDoorStats("echo").closedSilent())
                .as("the deadline ends with the upgrade")
                .isEqualTo(2);
        user.sendText("still here");
    }

    @Test
    void aTcpLineSilentForTheIdleTimeoutIsClosedWithTheReason() throws Exception {
        int port = start(tcp().idleTimeoutMs(300));
        TcpUser user = track(new TcpUser(port));
        assertThat(user.next()).isEqualTo("closed: idle timeout");
        user.awaitClosed();
        assertThat(server.frontDoorStats("echo").closedSilent()).isEqualTo(1);
    }

    @Test
    void tcpLinesHaveNoIdleTimeoutByDefault() {
        assertThat(tcp().build().guards().idleTimeoutMs()).isZero();
        assertThat(websocket().build().guards().pingIntervalMs()).isPositive();
    }

    @Test
    void aWebSocketLineThatAnswersNoPingIsClosedWhileOneThatAnswersStays() throws Exception {
        int port = start(websocket().pingIntervalMs(200));
        WebSocketUser answering = track(new WebSocketUser(port, "/")); // the JDK client answers pings
        RawWebSocket deaf = track(RawWebSocket.upgraded(port, "/", null));
        RawWebSocket.Frame ping = deaf.readFrame();
        assertThat(ping.opcode()).as("a ping").isEqualTo(9);
        RawWebSocket.Frame close = deaf.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1001);
        assertThat(close.closeReason()).isEqualTo("no answer to ping");
        assertThat(deaf.closedByServer()).isTrue();

        // The answering line was pinged as often and is still open.
        Awaits.until(
                "only the deaf line closed", () -> server.frontDoorStats("echo").openLines() == 1);
        assertThat(server.frontDoorStats("echo").closedSilent()).isEqualTo(1);
        answering.sendText("hello");
        Awaits.until("its input was taken", () -> server.frontDoorStats("echo").bufferedBytes() == 5);
    }

    @Test
    void tcpLinesBeyondThePerAddressCapAreRefusedAndAnotherAddressGetsIn() throws Exception {
        int port = start(tcp().maxLinesPerAddress(2));
        TcpUser first = track(new TcpUser(port));
        track(new TcpUser(port));
        Awaits.until("two lines are open", () -> server.frontDoorStats("echo").openLines() == 2);

        TcpUser third = track(new TcpUser(port));
        assertThat(third.next()).isEqualTo("closed: too many lines from your address");
        third.awaitClosed();
        assertThat(server.frontDoorStats("echo").refusedAddressLimit()).isEqualTo(1);

        track(new TcpUser(port, "127.0.0.2"));
        Awaits.until(
                "another address gets in", () -> server.frontDoorStats("echo").openLines() == 3);

        first.close();
        Awaits.until(
                "the first line closed", () -> server.frontDoorStats("echo").openLines() == 2);
        track(new TcpUser(port));
        Awaits.until(
                "its place is free again", () -> server.frontDoorStats("echo").openLines() == 3);
        assertThat(server.frontDoorStats("echo").refusedAddressLimit()).isEqualTo(1);
    }

    @Test
    void aWebSocketBeyondThePerAddressCapGets429BeforeTheUpgradeAndAnotherAddressGetsIn() throws Exception {
        int port = start(websocket().maxLinesPerAddress(1));
        track(new WebSocketUser(port, "/"));
        Awaits.until("one line is open", () -> server.frontDoorStats("echo").openLines() == 1);

        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {})
                        .get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> {
                    WebSocketHandshakeException refused = (WebSocketHandshakeException) e.getCause();
                    assertThat(refused.getResponse().statusCode()).isEqualTo(429);
                    assertThat(refused.getResponse().body().toString()).contains("too many lines from your address");
                });

        RawWebSocket other = track(RawWebSocket.upgraded(port, "/", "127.0.0.2"));
        Awaits.until(
                "another address gets in", () -> server.frontDoorStats("echo").openLines() == 2);
        other.sendFrame(0x81, "hi".getBytes(StandardCharsets.UTF_8), true);
        assertThat(server.frontDoorStats("echo").refusedAddressLimit()).isEqualTo(1);
    }

    @Test
    void thePerAddressRateHoldsAcrossReconnects() throws Exception {
        // 1 per second, burst 2; a connection takes one, each input one. No per-line limit, so only the address
        // bucket can close these lines.
        int port = start(tcp().maxInputRate(0).maxInputRatePerAddress(1));
        TcpUser first = track(new TcpUser(port));
        // One write: the line may close at "b", and a later write would fail on the socket the reader closed.
        first.write("a\nb\nc\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(first.next()).isEqualTo("closed: input rate of your address exceeded");
        first.awaitClosed();

        // A fresh bucket would take this connection and its input (2 tokens); the address's own bucket has
        // refilled less than that unless two seconds passed since the line above closed.
        TcpUser again = track(new TcpUser(port));
        try {
            again.send("d");
        } catch (java.net.SocketException refusedAtConnect) {
            // The connection's own token was refused: the server said why and closed before "d" went out.
        }
        assertThat(again.next()).isEqualTo("closed: input rate of your address exceeded");
        again.awaitClosed();

        TcpUser other = track(new TcpUser(port, "127.0.0.2"));
        other.send("e");
        Awaits.until(
                "another address has its own bucket",
                () -> server.frontDoorStats("echo").openLines() == 1
                        && server.frontDoorStats("echo").bufferedEvents() >= 2);
        assertThat(other.poll(50)).isNull();
    }
}
