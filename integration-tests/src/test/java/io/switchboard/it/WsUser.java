package io.switchboard.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An end user on a websocket front door (java.net.http): text messages read are kept in order, binary ones
 * apart; the close frame's status and reason are kept.
 */
final class WsUser implements FrontDoorUser {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsUser(URI uri) throws IOException {
        try {
            this.socket = HTTP.newWebSocketBuilder()
                    .buildAsync(uri, new Listener())
                    .get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted connecting to " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot open a websocket to " + uri + ": " + e, e);
        }
    }

    static WsUser connect(int port, String path) throws IOException {
        return new WsUser(URI.create("ws://127.0.0.1:" + port + path));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer bytes = ByteBuffer.allocate(0);

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(bytes.remaining() + data.remaining());
            joined.put(bytes).put(data).flip();
            bytes = joined;
            if (last) {
                byte[] message = new byte[bytes.remaining()];
                bytes.get(message);
                binary.add(message);
                bytes = ByteBuffer.allocate(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    @Override
    public void send(String text) throws IOException {
        await(socket.sendText(text, true));
    }

    void sendBinary(byte[] data) throws IOException {
        await(socket.sendBinary(ByteBuffer.wrap(data), true));
    }

    private static void await(CompletableFuture<WebSocket> sent) throws IOException {
        try {
            sent.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted sending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("sending failed: " + e, e);
        }
    }

    @Override
    public BlockingQueue<String> received() {
        return received;
    }

    BlockingQueue<byte[]> receivedBinary() {
        return binary;
    }

    /** The close frame's {@code "<status> <reason>"}, waited for (bounded). */
    String closeReason() throws Exception {
        return closed.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    @Override
    public String protocol() {
        return "websocket";
    }

    @Override
    public void close() {
        socket.abort();
    }
}
