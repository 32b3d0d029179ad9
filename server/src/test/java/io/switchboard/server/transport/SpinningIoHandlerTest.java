package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An event loop that polls before it sleeps still runs what it is given at once: a task from another thread, a timer
 * that falls due, bytes on a socket. The spin here is a minute long, so a loop that waited for the spin to end
 * before noticing any of them would miss the tests' deadlines of a few seconds by far.
 */
class SpinningIoHandlerTest {

    private static final long MINUTE_OF_SPIN = TimeUnit.MINUTES.toNanos(1);

    private EventLoopGroup group;

    @AfterEach
    void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private EventLoopGroup spinning(Transport.Kind kind, long spinNanos) {
        assumeTrue(kind != Transport.Kind.EPOLL || Epoll.isAvailable(), "epoll unavailable here");
        assumeTrue(kind != Transport.Kind.IO_URING || IoUring.isAvailable(), "io_uring unavailable here");
        IoHandlerFactory handlers = switch (kind) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        IoPolling polling = new IoPolling((int) TimeUnit.NANOSECONDS.toMicros(spinNanos), 0, () -> 0);
        group = new MultiThreadIoEventLoopGroup(1, SpinningIoHandler.around(handlers, polling));
        return group;
    }

    /** Runs a task on the loop and waits for it, so the loop is past it and polling when this returns. */
    private static void settle(EventLoopGroup loop) throws Exception {
        loop.submit(() -> {}).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Transport.Kind.class)
    void aTaskFromAnotherThreadEndsThePolling(Transport.Kind kind) throws Exception {
        EventLoopGroup loop = spinning(kind, MINUTE_OF_SPIN);
        settle(loop);
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.Kind.class)
    void aTimerThatFallsDueEndsThePolling(Transport.Kind kind) throws Exception {
        EventLoopGroup loop = spinning(kind, MINUTE_OF_SPIN);
        CountDownLatch fired = new CountDownLatch(1);
        loop.next().submit(() -> loop.next().schedule(fired::countDown, 50, TimeUnit.MILLISECONDS));
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.Kind.class)
    void bytesArrivingWhileItPollsAreReadAndAnswered(Transport.Kind kind) throws Exception {
        EventLoopGroup loop = spinning(kind, MINUTE_OF_SPIN);
        Class<? extends ServerChannel> serverType = switch (kind) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
        Channel listener = new ServerBootstrap()
                .group(loop)
                .channel(serverType)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg); // echo
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
        // The client on a loop of its own that sleeps as usual, so only the spinning loop is under test.
        EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            StringBuilder echoed = new StringBuilder();
            CountDownLatch back = new CountDownLatch(1);
            Channel client = new Bootstrap()
                    .group(clientLoop)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf bytes = (ByteBuf) msg;
                            echoed.append(bytes.toString(StandardCharsets.US_ASCII));
                            bytes.release();
                            if (echoed.length() == "pingpong".length()) {
                                back.countDown();
                            }
                        }
                    })
                    .connect(listener.localAddress())
                    .sync()
                    .channel();
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.US_ASCII));
            // The first answer left; the spinning loop is polling again when the second arrives.
            Thread.sleep(20);
            client.writeAndFlush(Unpooled.copiedBuffer("pong", StandardCharsets.US_ASCII));
            assertThat(back.await(5, TimeUnit.SECONDS))
                    .as("echoed so far: " + echoed)
                    .isTrue();
            assertThat(echoed).hasToString("pingpong");
            client.close().sync();
        } finally {
            listener.close().sync();
            clientLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.Kind.class)
    void afterAShortSpinTheLoopSleepsAndIsStillWokenByATask(Transport.Kind kind) throws Exception {
        EventLoopGroup loop = spinning(kind, TimeUnit.MICROSECONDS.toNanos(50));
        settle(loop);
        Thread.sleep(100); // long past the spin: the loop sleeps in the kernel
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
