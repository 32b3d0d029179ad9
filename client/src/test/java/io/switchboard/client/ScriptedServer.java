package io.switchboard.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Welcome;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A server that follows a script per connection, speaking the binary protocol with the protocol module's own
 * encoder and decoder over plain blocking sockets. For client behaviour a real server cannot provoke.
 */
final class ScriptedServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Consumer<Peer> script;
    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ScriptedServer(Consumer<Peer> script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread acceptor = new Thread(this::accept, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + socket.getLocalPort();
    }

    int connections() {
        return peers.size();
    }

    Peer peer(int index) {
        return peers.get(index);
    }

    private void accept() {
        while (!closed) {
            try {
                Peer peer = new Peer(socket.accept());
                peers.add(peer);
                Thread t = new Thread(
                        () -> {
                            try {
                                script.accept(peer);
                            } catch (RuntimeException e) {
                                // the client hung up mid-script (e.g. after a connect timeout): nothing to do
                            } finally {
                                peer.close();
                            }
                        },
                        "scripted-peer");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        peers.forEach(Peer::close);
    }

    /** One accepted connection. */
    static final class Peer {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private volatile Codec codec = Codec.JSON;
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        volatile Hello hello;
        volatile boolean sawEndOfStream;
        /** Bytes this peer read from and wrote to its socket: the client's traffic seen from the other end. */
        final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();

        final java.util.concurrent.atomic.AtomicLong bytesWritten = new java.util.concurrent.atomic.AtomicLong();

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Reads the magic and HELLO; answers {@code welcome} unless null. */
        Hello handshake(Welcome welcome) {
            try {
                byte[] magic = in.readNBytes(4);
                bytesRead.addAndGet(magic.length);
                if (!java.util.Arrays.equals(magic, Protocol.BINARY_MAGIC)) {
                    throw new IllegalStateException("no magic");
                }
                hello = (Hello) read();
                if (welcome != null) {
                    write(welcome);
                    codec = Codec.forName(welcome.codec()).orElseThrow();
                }
                return hello;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Message read() throws IOException {
            int length = in.readInt();
            byte[] frame = in.readNBytes(length);
            if (frame.length < length) {
                throw new java.io.EOFException();
            }
            bytesRead.addAndGet(4 + length);
            return BinaryMessageDecoder.decode(Unpooled.wrappedBuffer(frame), codec);
        }

        /** Reads frames into {@link #received} until the client hangs up. */
        void readUntilClosed() {
            try {
                while (true) {
                    received.add(read());
                }
            } catch (IOException e) {
                sawEndOfStream = true;
            }
        }

        synchronized void write(Message message) {
            write(message, bytes -> bytes);
        }

        /** Writes {@code message} as {@code tamper} changes its encoded bytes (length prefix included). */
        synchronized void write(Message message, java.util.function.UnaryOperator<byte[]> tamper) {
            ByteBuf buf = Unpooled.buffer();
            BinaryMessageEncoder.encode(message, codec, buf, Protocol.DEFAULT_MAX_FRAME_SIZE);
            byte[] encoded = new byte[buf.readableBytes()];
            buf.readBytes(encoded);
            byte[] bytes = tamper.apply(encoded);
            try {
                out.write(bytes);
                out.flush();
                bytesWritten.addAndGet(bytes.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        <T extends Message> T next(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Message m = received.poll(50, TimeUnit.MILLISECONDS);
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " from the client");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
