package io.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A websocket client written byte by byte, for what a well-behaved client cannot do: stay silent, stop half-way
 * through the upgrade, send frames that break the protocol, leave pings unanswered, connect from another local
 * address. Every read has the deadline {@link TestPeer#WAIT}.
 */
public final class RawWebSocket implements AutoCloseable {

    /** A frame from the server: its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        public int closeStatus() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        public String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects from {@code from} (null: any local address) and sends nothing yet. */
    public RawWebSocket(int port, String from) throws IOException {
        socket = from == null
                ? new Socket("127.0.0.1", port)
                : new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Connects and upgrades on {@code path}; throws unless the server answers 101. */
    public static RawWebSocket upgraded(int port, String path, String from) throws IOException {
        RawWebSocket socket = new RawWebSocket(port, from);
        socket.write(upgradeRequest(path).getBytes(StandardCharsets.US_ASCII));
        String status = socket.readResponseHead();
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new AssertionError("upgrade refused: " + status);
        }
        return socket;
    }

    public static String upgradeRequest(String path) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads an HTTP response's status line and headers; returns the status line. */
    public String readResponseHead() throws IOException {
        String head = readResponseHeadWithHeaders();
        return head.substring(0, head.indexOf("\r\n"));
    }

    /** Reads an HTTP response's status line and headers; returns them all, up to the empty line. */
    public String readResponseHeadWithHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed during the response head: " + head);
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
    }

    /** Sends one frame: {@code first} is the first byte (FIN, RSV, opcode); masked as clients must, or not. */
    public void sendFrame(int first, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (((long) payload.length >>> shift) & 0xff));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.write(body);
        write(frame.toByteArray());
    }

    public Frame readFrame() throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Skips frames until a close frame comes. */
    public Frame awaitClose() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == 8) {
                return frame;
            }
        }
    }

    /** Whether the server closed the connection (end of stream or reset) before {@link TestPeer#WAIT} passed. */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // skip whatever comes before the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
