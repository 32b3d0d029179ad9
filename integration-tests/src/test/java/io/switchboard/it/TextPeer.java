package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A hand-written text-mode peer over a plain socket: sends raw lines, reads JSON lines; for what the client never sends. */
final class TextPeer implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    TextPeer(int port) throws IOException {
        this(port, Fixtures.PATIENCE.toMillis());
    }

    TextPeer(int port, long readTimeoutMs) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeoutMs);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line as JSON; null at the end of the stream. */
    JsonNode read() throws IOException {
        String line = in.readLine();
        return line == null ? null : JSON.readTree(line);
    }

    /** The next line whose type is {@code type}, skipping others (pings); null at the end of the stream. */
    JsonNode readType(String type) throws IOException {
        for (JsonNode node = read(); node != null; node = read()) {
            if (type.equals(node.path("type").asText())) {
                return node;
            }
        }
        return null;
    }

    /** Whether the server closed the connection (reads the rest). */
    boolean closedByServer() throws IOException {
        try {
            while (in.readLine() != null) {
                // drain
            }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset by the peer: closed as well
        }
    }

    static String hello(String credentialsJson) {
        return "{\"type\":\"hello\",\"version\":1,\"client\":\"peer\",\"heartbeat_ms\":60000"
                + (credentialsJson == null ? "" : ",\"credentials\":" + credentialsJson) + "}";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
