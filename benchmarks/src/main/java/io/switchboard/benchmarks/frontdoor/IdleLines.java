package io.switchboard.benchmarks.frontdoor;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many idle users of a front door in this JVM: channels ({@link UsersTransport}) on a few event-loop threads that
 * only read, speaking tcp lines or websocket ({@link UsersProtocol}). Each text message a user receives that equals
 * the expected message is counted, and the time of the last one kept, so a broadcast's fan-out ends when the count
 * reaches the number of users.
 */
final class IdleLines implements AutoCloseable {

    /**
     * Lines being opened at once: well under the listen backlog, so no SYN is dropped and retried seconds later; a
     * websocket line is being opened until its upgrade is done, so the server never has more upgrades waiting.
     */
    private static final int CONNECTS_IN_FLIGHT = 256;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final UsersProtocol protocol;
    private final ChannelHandler counter = new Counter();
    private final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final AtomicInteger unexpected = new AtomicInteger();
    /** The expected message's UTF-8 bytes, compared as bytes: no string per line and round in the instrument. */
    private volatile ByteBuf expected = Unpooled.EMPTY_BUFFER;

    IdleLines(UsersTransport transport, int pollMicros, UsersProtocol protocol, int ioThreads) {
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, transport.ioHandlers(pollMicros));
        this.protocol = protocol;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /** Opens {@code count} lines to {@code port} on loopback; fails naming the first error. */
    void open(int port, int count, Duration deadline) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Bootstrap lines = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                protocol.initChannel(ch, port, counter); // the websocket handshake needs the port
            }
        });
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        for (int i = 0; i < count && failures.isEmpty(); i++) {
            if (!inFlight.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException(
                        "opened only " + channels.size() + " of " + count + " lines within " + deadline);
            }
            ChannelFuture connect = lines.connect(address);
            connect.addListener(f -> {
                if (!f.isSuccess()) {
                    inFlight.release();
                    failures.add(f.cause());
                    return;
                }
                Channel channel = connect.channel();
                protocol.opened(channel).addListener(o -> {
                    inFlight.release();
                    if (o.isSuccess()) {
                        channels.add(channel);
                        channel.closeFuture().addListener(c -> closedByServer.incrementAndGet());
                    } else {
                        failures.add(o.cause());
                        channel.close();
                    }
                });
            });
        }
        if (!inFlight.tryAcquire(CONNECTS_IN_FLIGHT, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(protocol.label() + " lines still opening after " + deadline);
        }
        inFlight.release(CONNECTS_IN_FLIGHT);
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    "line " + (channels.size() + 1) + " of " + count + " failed to open (" + protocol.label() + "): "
                            + failures.get(0),
                    failures.get(0));
        }
    }

    int open() {
        return channels.size() - closedByServer.get();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    /** Starts counting arrivals of {@code message} from zero. */
    void expect(String message) {
        expected =
                Unpooled.wrappedBuffer(message.getBytes(StandardCharsets.UTF_8)).asReadOnly();
        arrived.set(0);
        lastArrivalNanos.set(0);
    }

    /** Waits until {@code count} users got the expected message; the nanoTime of the last, or -1 at the deadline. */
    long awaitArrivals(int count, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (arrived.get() < count) {
            if (System.nanoTime() - end > 0) {
                return -1;
            }
            Thread.sleep(1);
        }
        return lastArrivalNanos.get();
    }

    int arrived() {
        return arrived.get();
    }

    /** Messages that were not the expected one (e.g. a notice, a binary frame): there should be none. */
    int unexpected() {
        return unexpected.get();
    }

    /** Reads a tcp user's lines, or a websocket user's frames after the protocol handler took pings and closes. */
    @ChannelHandler.Sharable
    private final class Counter extends SimpleChannelInboundHandler<Object> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object message) {
            long now = System.nanoTime();
            ByteBuf text = message instanceof TextWebSocketFrame frame
                    ? frame.content()
                    : message instanceof ByteBuf line ? line : null; // null: a binary frame, unexpected
            if (text != null && ByteBufUtil.equals(text, expected)) {
                arrived.incrementAndGet();
                lastArrivalNanos.accumulateAndGet(now, Math::max);
            } else {
                unexpected.incrementAndGet();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Channel c : channels) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
}
