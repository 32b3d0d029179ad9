package io.switchboard.glassfish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An end user on the chat room's tcp front door: sends lines, waits (with a deadline) for the line it expects. */
final class ChatLine implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    ChatLine(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(
                () -> {
                    try {
                        for (String line; (line = in.readLine()) != null; ) {
                            received.add(line);
                        }
                    } catch (IOException closed) {
                        // closed by the test
                    }
                },
                "chat-line-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    void say(String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line matching {@code expected}, skipping others; fails after {@link #PATIENCE}. */
    String await(Predicate<String> expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            String line = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line " + what + " within " + PATIENCE.toSeconds() + " s; seen " + seen);
            }
            seen.add(line);
            if (expected.test(line)) {
                return line;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
