package io.switchboard.benchmarks.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.server.transport.IoPolling;
import io.switchboard.server.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The realistic floor under Switchboard's request path: a raw Netty relay with the server's own transport
 * ({@link Transport}: epoll where available, one acceptor thread, the server's I/O thread count) and its flush
 * strategy ({@link FlushingQueue}), and no protocol. One caller and one echo connect; every byte the caller sends is
 * forwarded to the echo and every byte the echo sends back is forwarded to the caller: caller -> relay -> echo ->
 * relay -> caller, the same two hops per call as caller -> server -> publisher -> server -> caller.
 *
 * <p>With the server's {@code io-spin-micros} the relay's I/O threads poll as the server's do, and stop polling
 * above the same call rate ({@code io-spin-max-calls-per-second}): the relay counts a call per {@code payloadBytes}
 * the caller sends, where the server counts the calls it routes.
 *
 * <p>The only bytes that are not payload: each connection's first byte says its role ({@link #CALLER} or
 * {@link #ECHO}), and the relay answers {@link #ACCEPTED} once the connection is paired in; nothing per call.
 */
public final class FloorRelay implements AutoCloseable {

    public static final byte CALLER = 'C';
    public static final byte ECHO = 'E';
    public static final byte ACCEPTED = '+';

    private final Transport transport;
    private final int ioThreads;
    private final IoPolling polling;
    private final LongAdder callerBytes;
    private final Channel listener;
    private volatile FlushingQueue caller;
    private volatile FlushingQueue echo;

    private FloorRelay(
            Transport transport, int ioThreads, IoPolling polling, LongAdder callerBytes, String host, int port)
            throws InterruptedException {
        this.transport = transport;
        this.ioThreads = ioThreads;
        this.polling = polling;
        this.callerBytes = callerBytes;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.tcpChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new RoleHandler());
                    }
                });
        this.listener = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
    }

    /**
     * Listens on {@code host:port} (port 0: any free one).
     *
     * @param ioThreads 0 for the server's default ({@link Transport#defaultIoThreads()})
     * @param ioSpinMicros the server's {@code io-spin-micros}: how long an idle I/O thread polls before it sleeps
     * @param maxCallsPerSecond the server's {@code io-spin-max-calls-per-second}: above it, no polling
     * @param payloadBytes the bytes the caller sends per call, to count calls
     */
    public static FloorRelay start(
            String host, int port, int ioThreads, int ioSpinMicros, int maxCallsPerSecond, int payloadBytes)
            throws InterruptedException {
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be 0 (the server's default) or more, not " + ioThreads);
        }
        if (payloadBytes < 1) {
            throw new IllegalArgumentException("payloadBytes must be 1 or more, not " + payloadBytes);
        }
        LongAdder callerBytes = new LongAdder();
        IoPolling polling = new IoPolling(ioSpinMicros, maxCallsPerSecond, () -> callerBytes.sum() / payloadBytes);
        Transport transport = Transport.create(1, ioThreads, polling);
        try {
            return new FloorRelay(
                    transport,
                    ioThreads > 0 ? ioThreads : Transport.defaultIoThreads(),
                    polling,
                    callerBytes,
                    host,
                    port);
        } catch (InterruptedException | RuntimeException e) {
            shutdown(transport);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The transport and thread counts, for the run's header. */
    public String describe() {
        return transport.name() + ", 1 acceptor thread, " + ioThreads + " I/O thread(s), io-spin-micros "
                + polling.spinMicros() + ", io-spin-max-calls-per-second " + polling.maxCallsPerSecond()
                + ", TCP_NODELAY, one flush per drain of the write queue";
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdown(transport);
    }

    private static void shutdown(Transport transport) {
        transport.acceptors().shutdownGracefully(0, 1, TimeUnit.SECONDS);
        transport.workers().shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Takes a connection's first byte, its role; pairs it in and hands the rest to a {@link Forwarder}. */
    private final class RoleHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (!in.isReadable()) {
                in.release();
                return;
            }
            byte role = in.readByte();
            FlushingQueue own = new FlushingQueue(ctx.channel());
            if (!claim(role, own)) {
                // An unknown role, or a second caller or echo: this relay serves one pair.
                in.release();
                ctx.close();
                return;
            }
            Forwarder forwarder = new Forwarder(role, own);
            ctx.pipeline().replace(this, "forward", forwarder);
            ctx.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {ACCEPTED}));
            if (in.isReadable()) {
                forwarder.forward(in);
            } else {
                in.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private synchronized boolean claim(byte role, FlushingQueue own) {
        if (role == CALLER && caller == null) {
            caller = own;
            return true;
        }
        if (role == ECHO && echo == null) {
            echo = own;
            return true;
        }
        return false;
    }

    private synchronized void release(byte role, FlushingQueue own) {
        if (role == CALLER && caller == own) {
            caller = null;
        } else if (role == ECHO && echo == own) {
            echo = null;
        }
    }

    /** Forwards every byte to the other side of the pair, as it comes (no framing). */
    private final class Forwarder extends ChannelInboundHandlerAdapter {

        private final byte role;
        private final FlushingQueue own;

        Forwarder(byte role, FlushingQueue own) {
            this.role = role;
            this.own = own;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            forward((ByteBuf) msg);
        }

        void forward(ByteBuf bytes) {
            FlushingQueue peer = role == CALLER ? echo : caller;
            if (peer == null) {
                // Nobody on the other side yet (or any more): the bytes have nowhere to go.
                ReferenceCountUtil.release(bytes);
                return;
            }
            if (role == CALLER) {
                callerBytes.add(bytes.readableBytes());
            }
            peer.send(bytes);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            release(role, own);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset by the peer, typically: that side is gone, and its slot frees when the channel closes.
            ctx.close();
        }
    }
}
