package io.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An end user on a tcp front door: writes lines, collects the lines the server writes. Every wait has a deadline. */
public final class TcpUser implements AutoCloseable {

    private static final byte[] CLOSED = new byte[0];

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();

    public TcpUser(int port) throws IOException {
        this(port, null);
    }

    /** A user connecting from the local address {@code from} (e.g. 127.0.0.2), or any when null. */
    public TcpUser(int port, String from) throws IOException {
        this(
                from == null
                        ? new Socket("127.0.0.1", port)
                        : new Socket(
                                java.net.InetAddress.getByName("127.0.0.1"),
                                port,
                                java.net.InetAddress.getByName(from),
                                0));
    }

    /** A user on a socket already connected, e.g. an SSLSocket for a front door with TLS. */
    public TcpUser(Socket connected) throws IOException {
        socket = connected;
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "tcp-user-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public void send(String text) throws IOException {
        write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line the server wrote, without its {@code \n}. */
    public byte[] nextBytes() throws InterruptedException {
        byte[] line = lines.poll(TestPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line within " + TestPeer.WAIT);
        }
        if (line == CLOSED) {
            lines.add(CLOSED);
            throw new AssertionError("the server closed the line while we waited for a line");
        }
        return line;
    }

    public String next() throws InterruptedException {
        return new String(nextBytes(), StandardCharsets.UTF_8);
    }

    /** Nothing arrives within {@code ms}? Then null; used only to check that nothing more is sent. */
    public String poll(long ms) throws InterruptedException {
        byte[] line = lines.poll(ms, TimeUnit.MILLISECONDS);
        if (line == CLOSED) {
            lines.add(CLOSED);
            return null;
        }
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** Waits until the server closes the connection; returns the lines that came before. */
    public void awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (true) {
            byte[] line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("line still open after " + TestPeer.WAIT);
            }
            if (line == CLOSED) {
                lines.add(CLOSED);
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    lines.add(line.toByteArray());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            lines.add(CLOSED);
        }
    }
}
