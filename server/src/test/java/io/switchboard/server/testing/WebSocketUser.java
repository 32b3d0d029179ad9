package io.switchboard.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An end user on a websocket front door, through the JDK's client. Every wait has a deadline. */
public final class WebSocketUser implements AutoCloseable {

    /** What arrived: a text or binary message, or the close (status and reason). */
    public record Received(String text, byte[] binary, int closeStatus, String closeReason) {
        boolean isClose() {
            return closeStatus != 0;
        }
    }

    private final WebSocket socket;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();

    public WebSocketUser(int port, String path) throws Exception {
        this(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + path));
    }

    /** A user of {@code client} (e.g. one with an SSLContext for wss://) at {@code uri}. */
    public WebSocketUser(HttpClient client, URI uri) throws Exception {
        socket = client.newWebSocketBuilder()
                .buildAsync(uri, new Listener())
                .get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one text message in two fragments. */
    public void sendTextInParts(String first, String second) throws Exception {
        socket.sendText(first, false).get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        socket.sendText(second, true).get(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Received next() throws InterruptedException {
        Received received = inbox.poll(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (received == null) {
            throw new AssertionError("nothing received within " + TestPeer.WAIT);
        }
        return received;
    }

    public String nextText() throws InterruptedException {
        Received received = next();
        if (received.text() == null) {
            throw new AssertionError("expected a text message, got " + received);
        }
        return received.text();
    }

    /** Skips messages until the close arrives. */
    public Received awaitClose() throws InterruptedException {
        while (true) {
            Received received = next();
            if (received.isClose()) {
                return received;
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                inbox.add(new Received(text.toString(), null, 0, null));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                inbox.add(new Received(null, binary.toByteArray(), 0, null));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbox.add(new Received(null, null, statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbox.add(new Received(null, null, -1, String.valueOf(error)));
        }
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
