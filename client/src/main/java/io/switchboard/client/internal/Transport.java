package io.switchboard.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.client.ServerUrl;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The client's I/O threads and channel types: native epoll when available, NIO otherwise (including NIO's
 * unix domain sockets, Java 16+). One small daemon event loop group per client.
 */
public final class Transport {

    /** Set to {@code nio} to use NIO even where epoll is available (diagnostics, tests). */
    public static final String TRANSPORT_PROPERTY = "switchboard.client.transport";

    private final boolean epoll = Epoll.isAvailable() && !"nio".equals(System.getProperty(TRANSPORT_PROPERTY));
    private final EventLoopGroup group;

    public Transport(int threads, String name) {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
    }

    /** True when the native epoll transport is in use, false for NIO. */
    public boolean isNative() {
        return epoll;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Starts connecting; the handler is installed when the channel registers. */
    ChannelFuture connect(ServerUrl url, ChannelHandler initializer, Duration timeout) {
        Class<? extends Channel> type;
        SocketAddress address;
        if (url.isUnix()) {
            type = epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
            address = epoll
                    ? new DomainSocketAddress(url.socketPath().toString())
                    : UnixDomainSocketAddress.of(url.socketPath());
        } else {
            type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
            address = new InetSocketAddress(url.host(), url.port());
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(initializer);
        if (!url.isUnix()) {
            bootstrap.option(ChannelOption.TCP_NODELAY, true);
        }
        return bootstrap.connect(address);
    }

    /** Stops the I/O threads, waiting at most {@code timeout}. */
    public void shutdown(Duration timeout) {
        group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }
}
