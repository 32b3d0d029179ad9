package io.switchboard.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.codec.Compression;
import io.switchboard.protocol.codec.Deflate;
import io.switchboard.protocol.codec.TextMessageDecoder;
import io.switchboard.protocol.codec.TextMessageEncoder;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Welcome;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw protocol peer over a real socket: writes frames (binary) or JSON lines (text) and collects what the
 * server sends on a reader thread. Every wait has a deadline.
 */
public final class TestPeer implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final Object CLOSED = new Object();

    private final SocketChannel channel;
    private final boolean text;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> rawLines = new LinkedBlockingQueue<>();
    private volatile Codec codec = Codec.JSON;
    private volatile Compression compression;
    /** One for sending (under the send lock), one for the read loop: neither is shared between threads. */
    private final Deflate deflater = new Deflate();

    private final Deflate inflater = new Deflate();
    private volatile boolean answerPings = true;

    private TestPeer(SocketChannel channel, boolean text) {
        this.channel = channel;
        this.text = text;
        Thread reader = new Thread(this::readLoop, "test-peer-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static SocketChannel tcp(int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    public static TestPeer binary(int port) throws IOException {
        TestPeer peer = new TestPeer(tcp(port), false);
        peer.writeRaw(Protocol.BINARY_MAGIC);
        return peer;
    }

    /** A binary peer whose socket is bound to {@code localHost} first (e.g. 127.0.0.2: a second loopback address). */
    public static TestPeer binaryFrom(String localHost, int port) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.bind(new InetSocketAddress(localHost, 0));
        channel.connect(new InetSocketAddress("127.0.0.1", port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TestPeer peer = new TestPeer(channel, false);
        peer.writeRaw(Protocol.BINARY_MAGIC);
        return peer;
    }

    public static TestPeer binary(Path unixSocket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(unixSocket));
        TestPeer peer = new TestPeer(channel, false);
        peer.writeRaw(Protocol.BINARY_MAGIC);
        return peer;
    }

    public static TestPeer text(int port) throws IOException {
        return new TestPeer(tcp(port), true);
    }

    /** A text-mode peer on a unix socket. */
    public static TestPeer text(Path unixSocket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(unixSocket));
        return new TestPeer(channel, true);
    }

    /** A peer that sends nothing at all until told to (for detection and handshake tests). */
    public static TestPeer raw(int port) throws IOException {
        return new TestPeer(tcp(port), true);
    }

    /** Sends HELLO offering {@code codecs} and waits for WELCOME. */
    public Welcome hello(String... codecs) throws IOException {
        send(new Hello(Protocol.VERSION, "test", codecs.length == 0 ? null : List.of(codecs), null, null));
        return expect(Welcome.class);
    }

    public Welcome helloWith(Hello hello) throws IOException {
        send(hello);
        return expect(Welcome.class);
    }

    public void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    /** The compression WELCOME agreed on, or null. */
    public Compression compression() {
        return compression;
    }

    public Codec codec() {
        return codec;
    }

    public synchronized void send(Message message) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        if (text) {
            TextMessageEncoder.encode(message, buf);
        } else {
            BinaryMessageEncoder.encode(message, codec, buf, Integer.MAX_VALUE, compression, deflater);
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        writeRaw(bytes);
    }

    public synchronized void writeRaw(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    public void writeLine(String json) throws IOException {
        writeRaw((json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next message of any type but PING/PONG (PINGs are answered unless told otherwise). */
    public Message next() {
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Object item = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (item == null) {
                    throw new AssertionError("nothing received within " + WAIT);
                }
                if (item == CLOSED) {
                    inbox.add(CLOSED);
                    throw new AssertionError("connection closed while waiting for a message");
                }
                if (item instanceof Throwable t) {
                    throw new AssertionError("cannot decode what the server sent", t);
                }
                if (item instanceof Ping || item instanceof Pong) {
                    continue;
                }
                return (Message) item;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message other than PING/PONG if one arrives within {@code wait}, else null. */
    public Message poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Object item = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == null || item == CLOSED) {
                if (item == CLOSED) {
                    inbox.add(CLOSED);
                }
                return null;
            }
            if (item instanceof Message message && !(item instanceof Ping) && !(item instanceof Pong)) {
                return message;
            }
        }
    }

    public <T extends Message> T expect(Class<T> type) {
        Message message = next();
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + message);
        }
        return type.cast(message);
    }

    /** Waits for the next message of this type, skipping others. */
    public <T extends Message> T await(Class<T> type) {
        while (true) {
            Message message = next();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** Everything received, including PINGs, the next one within the deadline. */
    public Object nextRaw() throws InterruptedException {
        Object item = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("nothing received within " + WAIT);
        }
        if (item == CLOSED) {
            inbox.add(CLOSED);
        }
        return item;
    }

    public String nextLine() throws InterruptedException {
        String line = rawLines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line within " + WAIT);
        }
        return line;
    }

    /** Waits until the server closes the connection, ignoring messages on the way. */
    public void awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Object item = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (item == CLOSED) {
                inbox.add(CLOSED);
                return;
            }
        }
        throw new AssertionError("connection still open after " + WAIT);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readLoop() {
        // Not Channels.newInputStream: its reads hold the channel's blocking lock and would stall our writes.
        try (InputStream in = new ChannelReader(channel)) {
            if (text) {
                readLines(in);
            } else {
                readFrames(in);
            }
        } catch (IOException e) {
            // closed: fall through
        } finally {
            inbox.add(CLOSED);
        }
    }

    private void readLines(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            rawLines.add(line);
            try {
                Message message =
                        TextMessageDecoder.decode(Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.UTF_8)));
                if (message != null) {
                    received(message);
                }
            } catch (RuntimeException e) {
                inbox.add(e);
            }
        }
    }

    private void readFrames(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return;
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            try {
                received(BinaryMessageDecoder.decode(Unpooled.wrappedBuffer(frame), codec, compression, inflater));
            } catch (RuntimeException e) {
                inbox.add(e);
            }
        }
    }

    private void received(Message message) throws IOException {
        if (message instanceof Welcome welcome) {
            codec = Codec.forName(welcome.codec()).orElseThrow();
            if (welcome.compression() != null) {
                // Sends compressed above the server's threshold; inflates up to the protocol's default frame size.
                compression = new Compression(welcome.compressAbove(), Protocol.DEFAULT_MAX_FRAME_SIZE);
            }
        }
        if (message instanceof Ping ping && answerPings) {
            send(new Pong(ping.id()));
        }
        inbox.add(message);
    }

    /** An InputStream over channel.read, which may run while another thread writes. */
    private static final class ChannelReader extends InputStream {
        private final SocketChannel channel;

        ChannelReader(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(b, off, len));
        }
    }
}
