package io.switchboard.arquillian;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An end user of the sample's chat room on a front door of the test server: a tcp line or a WebSocket. Everything
 * the server sends is kept in arrival order; a test waits for the message it expects, with a deadline.
 */
abstract class ChatUser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CLOSED = "\u0000closed";

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    static ChatUser tcp(int port) throws IOException {
        return new Tcp(port);
    }

    static ChatUser webSocket(URI uri) throws Exception {
        return new Ws(uri);
    }

    abstract void say(String text) throws Exception;

    /** Whether the server has not closed this user's connection. */
    abstract boolean isOpen();

    /** Waits for the next message matching {@code expected}, skipping others; fails after {@link #PATIENCE}. */
    String await(Predicate<String> expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no message " + what + " within " + PATIENCE + "; seen " + seen);
            }
            if (message.equals(CLOSED)) {
                throw new AssertionError("the server closed the line while waiting for " + what + "; seen " + seen);
            }
            seen.add(message);
            if (expected.test(message)) {
                return message;
            }
        }
    }

    String awaitEquals(String message) throws InterruptedException {
        return await(message::equals, "'" + message + "'");
    }

    protected void arrived(String message) {
        received.add(message);
    }

    protected void closedByServer() {
        received.add(CLOSED);
    }

    private static final class Tcp extends ChatUser {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean open = true;

        Tcp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(
                    () -> {
                        try {
                            String line;
                            while ((line = in.readLine()) != null) {
                                arrived(line);
                            }
                        } catch (IOException e) {
                            // closed by the test
                        }
                        open = false;
                        closedByServer();
                    },
                    "chat-user-tcp-" + socket.getLocalPort());
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        void say(String text) throws IOException {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final class Ws extends ChatUser implements WebSocket.Listener {
        private final WebSocket socket;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean open = true;

        Ws(URI uri) throws Exception {
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(PATIENCE)
                    .buildAsync(uri, this)
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                arrived(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            closedByServer();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
            closedByServer();
        }

        @Override
        void say(String text) throws Exception {
            socket.sendText(text, true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
