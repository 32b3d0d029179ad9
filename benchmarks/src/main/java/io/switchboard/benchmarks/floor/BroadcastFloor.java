package io.switchboard.benchmarks.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.server.transport.IoPolling;
import io.switchboard.server.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The floor under a front-door broadcast: a raw Netty server with the Switchboard server's transport
 * ({@link Transport}: its I/O thread count and, on io_uring, its rings) that holds the users' connections and, on
 * request, writes one message to all of them the way the server's broadcast does: the message encoded once into a
 * pooled direct buffer, each connection writing a view of it, grouped by event loop, queued and flushed in chunks of
 * {@link #FLUSH_CHUNK}. No protocol, no line bookkeeping, no pusher or handler: what is left is what Netty and the
 * kernel cost.
 *
 * <p>Two ports: users connect to the users' port and are written to, and never read from (what they send is
 * dropped). The control port takes commands, a line each ({@link ControlHandler}).
 */
public final class BroadcastFloor implements AutoCloseable {

    /** As the server's {@code BroadcastWrite.FLUSH_CHUNK}. */
    static final int FLUSH_CHUNK = 128;
    /** The control commands (see {@link ControlHandler}). */
    public static final String BROADCAST = "broadcast ";

    public static final String USERS = "users";
    /** The longest control line: a broadcast message. */
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final Transport transport;
    private final int ioThreads;
    private final Set<Channel> users = ConcurrentHashMap.newKeySet();
    private final Channel usersListener;
    private final Channel controlListener;

    private BroadcastFloor(Transport transport, int ioThreads, String host, int usersPort, int controlPort)
            throws InterruptedException {
        this.transport = transport;
        this.ioThreads = ioThreads;
        this.usersListener = bootstrap(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(UserHandler.INSTANCE);
                        users.add(ch);
                        ch.closeFuture().addListener(closed -> users.remove(ch));
                    }
                })
                .bind(new InetSocketAddress(host, usersPort))
                .sync()
                .channel();
        this.controlListener = bootstrap(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(MAX_MESSAGE_BYTES))
                                .addLast(new ControlHandler());
                    }
                })
                .bind(new InetSocketAddress(host, controlPort))
                .sync()
                .channel();
    }

    /**
     * Listens on {@code host}: users on {@code usersPort}, the control connection on {@code controlPort} (0: any
     * free one).
     *
     * @param ioThreads 0 for the server's default ({@link Transport#defaultIoThreads()})
     */
    public static BroadcastFloor start(String host, int usersPort, int controlPort, int ioThreads)
            throws InterruptedException {
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be 0 (the server's default) or more, not " + ioThreads);
        }
        Transport transport = Transport.create(1, ioThreads, new IoPolling(0, 0, () -> 0));
        try {
            return new BroadcastFloor(
                    transport, ioThreads > 0 ? ioThreads : Transport.defaultIoThreads(), host, usersPort, controlPort);
        } catch (InterruptedException | RuntimeException e) {
            shutdown(transport);
            throw e;
        }
    }

    private ServerBootstrap bootstrap(ChannelInitializer<Channel> initializer) {
        return new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.tcpChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
    }

    public int usersPort() {
        return ((InetSocketAddress) usersListener.localAddress()).getPort();
    }

    public int controlPort() {
        return ((InetSocketAddress) controlListener.localAddress()).getPort();
    }

    /** Users connected now. */
    public int users() {
        return users.size();
    }

    /** The transport and thread counts, for the run's header. */
    public String describe() {
        return transport.name() + ", 1 acceptor thread, " + ioThreads + " I/O thread(s), TCP_NODELAY, a broadcast"
                + " queued and flushed in chunks of " + FLUSH_CHUNK + " lines per event loop";
    }

    @Override
    public void close() {
        usersListener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        controlListener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdown(transport);
    }

    private static void shutdown(Transport transport) {
        transport.acceptors().shutdownGracefully(0, 1, TimeUnit.SECONDS);
        transport.workers().shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /**
     * Writes {@code message} and {@code \n} to every user; {@code done} gets the number of users written to once
     * every event loop has queued it. Any thread.
     */
    void broadcast(byte[] message, IntConsumer done) {
        List<Channel> targets = new ArrayList<>(users);
        Map<EventLoop, List<Channel>> byLoop = new LinkedHashMap<>();
        for (Channel user : targets) {
            byLoop.computeIfAbsent(user.eventLoop(), loop -> new ArrayList<>()).add(user);
        }
        if (byLoop.isEmpty()) {
            done.accept(0);
            return;
        }
        ByteBuf shared = PooledByteBufAllocator.DEFAULT
                .directBuffer(message.length + 1)
                .writeBytes(message)
                .writeByte('\n');
        AtomicInteger loopsLeft = new AtomicInteger(byLoop.size());
        List<Channel> here = null;
        for (Map.Entry<EventLoop, List<Channel>> batch : byLoop.entrySet()) {
            List<Channel> channels = batch.getValue();
            if (batch.getKey().inEventLoop()) {
                here = channels; // as the server does: this loop's lines after the other loops got their tasks
            } else {
                batch.getKey().execute(() -> writeAll(channels, shared, loopsLeft, targets.size(), done));
            }
        }
        if (here != null) {
            writeAll(here, shared, loopsLeft, targets.size(), done);
        }
    }

    private static void writeAll(
            List<Channel> channels, ByteBuf shared, AtomicInteger loopsLeft, int targets, IntConsumer done) {
        writeAll(channels, shared);
        if (loopsLeft.decrementAndGet() == 0) {
            shared.release();
            done.accept(targets);
        }
    }

    private static void writeAll(List<Channel> channels, ByteBuf shared) {
        for (int from = 0; from < channels.size(); from += FLUSH_CHUNK) {
            int to = Math.min(channels.size(), from + FLUSH_CHUNK);
            for (int i = from; i < to; i++) {
                Channel channel = channels.get(i);
                channel.write(shared.retainedDuplicate(), channel.voidPromise());
            }
            for (int i = from; i < to; i++) {
                channels.get(i).flush();
            }
        }
    }

    /** A user's connection: written to only; what the user sends is dropped. */
    @ChannelHandler.Sharable
    private static final class UserHandler extends ChannelInboundHandlerAdapter {
        static final UserHandler INSTANCE = new UserHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset by the user: that user is gone
        }
    }

    /**
     * The control connection's commands, a line each: {@code broadcast <message>}, answered {@code sent N} once the
     * message is queued on every user; {@code users}, answered {@code users N}; anything else {@code error …}.
     */
    private final class ControlHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            String command = line.toString(StandardCharsets.UTF_8);
            if (command.startsWith(BROADCAST)) {
                byte[] message = command.substring(BROADCAST.length()).getBytes(StandardCharsets.UTF_8);
                broadcast(message, sent -> answer(ctx, "sent " + sent));
            } else if (command.equals(USERS)) {
                answer(ctx, "users " + users.size());
            } else {
                answer(ctx, "error unknown command (expected '" + BROADCAST + "<message>' or '" + USERS + "')");
            }
        }

        private void answer(ChannelHandlerContext ctx, String answer) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(answer + "\n", StandardCharsets.UTF_8));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a control line too long, or the benchmark gone
        }
    }
}
