package io.switchboard.benchmarks.floor;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The floor's two clients, laid out as the benchmark's two Switchboard clients are: each connection on its own
 * one-thread event loop (epoll where available), TCP_NODELAY, writes through a {@link FlushingQueue}. The echo
 * sends back every byte it gets, on its I/O thread; the caller sends a body and completes its call when as many
 * bytes have come back, in order: with one caller on the relay, the replies arrive in the order of the calls.
 */
public final class FloorClients implements AutoCloseable {

    private final Endpoint echo;
    private final Endpoint caller;
    private final CallerHandler replies;

    private FloorClients(Endpoint echo, Endpoint caller, CallerHandler replies) {
        this.echo = echo;
        this.caller = caller;
        this.replies = replies;
    }

    /** Connects the echo, then the caller, each paired in by the relay within {@code timeout}. */
    public static FloorClients connect(String host, int port, Duration timeout) throws Exception {
        Endpoint echo = Endpoint.connect("floor-echo", host, port, FloorRelay.ECHO, new EchoHandler(), timeout);
        try {
            CallerHandler replies = new CallerHandler();
            Endpoint caller = Endpoint.connect("floor-caller", host, port, FloorRelay.CALLER, replies, timeout);
            return new FloorClients(echo, caller, replies);
        } catch (Exception | Error e) {
            echo.close();
            throw e;
        }
    }

    /** Sends {@code body}; the future completes with the bytes that come back for it. */
    public CompletableFuture<byte[]> call(byte[] body) {
        if (body.length == 0) {
            throw new IllegalArgumentException("a floor call needs at least one byte");
        }
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        // Registered before it is sent, and both under one lock: the replies' order is the calls' order.
        synchronized (this) {
            replies.expect(body.length, reply);
            caller.queue.send(Unpooled.wrappedBuffer(body));
        }
        return reply;
    }

    /** The clients' transport, for the run's header. */
    public static String transportName() {
        return Epoll.isAvailable() ? "epoll" : "nio";
    }

    @Override
    public void close() {
        try {
            caller.close();
        } finally {
            echo.close();
        }
    }

    /** One connection to the relay on its own event loop. */
    private record Endpoint(EventLoopGroup group, Channel channel, FlushingQueue queue) {

        static Endpoint connect(
                String name, String host, int port, byte role, AcceptingHandler handler, Duration timeout)
                throws Exception {
            boolean epoll = Epoll.isAvailable();
            IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true), io);
            try {
                Channel channel = new Bootstrap()
                        .group(group)
                        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                        .handler(handler)
                        .connect(host, port)
                        .sync()
                        .channel();
                FlushingQueue queue = new FlushingQueue(channel);
                handler.queue = queue;
                channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {role}));
                try {
                    handler.accepted.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new IOException(
                            name + " was not paired in by the relay at " + host + ":" + port + " within " + timeout);
                } catch (ExecutionException e) {
                    throw new IOException(
                            name + " was refused by the relay: " + e.getCause().getMessage(), e);
                }
                return new Endpoint(group, channel, queue);
            } catch (Exception | Error e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw e;
            }
        }

        void close() {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Waits for the relay's {@link FloorRelay#ACCEPTED}, then hands every later byte to {@link #payload}. */
    private abstract static class AcceptingHandler extends ChannelInboundHandlerAdapter {

        final CompletableFuture<Void> accepted = new CompletableFuture<>();
        /** Set before the role byte goes out, so before any payload can arrive. */
        volatile FlushingQueue queue;

        @Override
        public final void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (!accepted.isDone() && in.isReadable()) {
                byte answer = in.readByte();
                if (answer != FloorRelay.ACCEPTED) {
                    in.release();
                    accepted.completeExceptionally(new IOException("unexpected first byte " + answer));
                    ctx.close();
                    return;
                }
                accepted.complete(null);
            }
            if (in.isReadable()) {
                payload(in);
            } else {
                in.release();
            }
        }

        /** Bytes after the handshake; the handler owns {@code in}. */
        abstract void payload(ByteBuf in);

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // E.g. bytes that belong to no call: the connection cannot be trusted any more; closing it fails the
            // calls in flight (channelInactive) instead of leaving them to their timeouts.
            accepted.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            accepted.completeExceptionally(new IOException("the relay closed the connection"));
            closed();
            ctx.fireChannelInactive();
        }

        void closed() {}
    }

    /** Sends every byte straight back. */
    private static final class EchoHandler extends AcceptingHandler {
        @Override
        void payload(ByteBuf in) {
            queue.send(in);
        }
    }

    /** Cuts the bytes coming back into the replies of the calls in flight, oldest first. */
    private static final class CallerHandler extends AcceptingHandler {

        private record Pending(byte[] reply, CompletableFuture<byte[]> future) {}

        private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        /** I/O thread only: how much of the oldest call's reply has come. */
        private int filled;

        /** Set before the calls in flight are failed: a call added after that fails itself. */
        private volatile boolean closed;

        void expect(int length, CompletableFuture<byte[]> future) {
            pending.add(new Pending(new byte[length], future));
            if (closed) {
                // The connection went while this call was being added: nobody else will fail it.
                failAll();
            }
        }

        @Override
        void payload(ByteBuf in) {
            try {
                while (in.isReadable()) {
                    Pending oldest = pending.peek();
                    if (oldest == null) {
                        throw new IllegalStateException(in.readableBytes() + " bytes came back for no call");
                    }
                    int take = Math.min(in.readableBytes(), oldest.reply.length - filled);
                    in.readBytes(oldest.reply, filled, take);
                    filled += take;
                    if (filled == oldest.reply.length) {
                        pending.poll();
                        filled = 0;
                        oldest.future.complete(oldest.reply);
                    }
                }
            } finally {
                in.release();
            }
        }

        @Override
        void closed() {
            closed = true;
            failAll();
        }

        private void failAll() {
            Pending call;
            while ((call = pending.poll()) != null) {
                call.future.completeExceptionally(new IOException("the relay closed the caller's connection"));
            }
        }
    }
}
