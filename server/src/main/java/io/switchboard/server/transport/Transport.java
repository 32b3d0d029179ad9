package io.switchboard.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * The I/O machinery: native epoll where available (Linux), Java NIO elsewhere. NIO serves unix domain
 * sockets too (Java 16+), so both listeners work on either.
 */
public final class Transport {

    private final boolean epoll;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    private Transport(boolean epoll, EventLoopGroup acceptors, EventLoopGroup workers) {
        this.epoll = epoll;
        this.acceptors = acceptors;
        this.workers = workers;
    }

    /**
     * System property choosing the transport: {@code auto} (default: epoll when available), {@code nio}
     * (always NIO; for comparison and for tests of the NIO path), {@code epoll} (fail if unavailable).
     */
    public static final String TRANSPORT_PROPERTY = "switchboard.transport";

    /** @param ioThreads 0 for {@link #defaultIoThreads()} */
    public static Transport create(int acceptorThreads, int ioThreads) {
        boolean epoll = useEpoll(System.getProperty(TRANSPORT_PROPERTY, "auto"));
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(
                acceptorThreads, new DefaultThreadFactory("switchboard-accept"), factory);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
                ioThreads > 0 ? ioThreads : defaultIoThreads(), new DefaultThreadFactory("switchboard-io"), factory);
        return new Transport(epoll, acceptors, workers);
    }

    /**
     * Half the cores, at least one. Every call crosses two connections; when both sit on the same event loop
     * the forward is a queue append, across loops it wakes another thread (about 20 µs on a small VM, see
     * docs/benchmarks.md). Fewer loops than cores keep more pairs together and leave cores for the kernel's
     * network work and the JIT; raise it for many busy connections.
     */
    public static int defaultIoThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private static boolean useEpoll(String wanted) {
        switch (wanted) {
            case "nio":
                return false;
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException(
                            "epoll transport requested but unavailable: " + Epoll.unavailabilityCause());
                }
                return true;
            case "auto":
                return Epoll.isAvailable();
            default:
                throw new IllegalStateException(
                        "-D" + TRANSPORT_PROPERTY + " must be auto, nio or epoll, not '" + wanted + "'");
        }
    }

    public String name() {
        return epoll ? "epoll" : "nio";
    }

    public EventLoopGroup acceptors() {
        return acceptors;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerChannel> tcpChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The channel type for outgoing TCP connections (the cluster's link). */
    public Class<? extends Channel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> unixChannel() {
        return epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    public SocketAddress unixAddress(Path path) {
        return epoll ? new DomainSocketAddress(path.toFile()) : UnixDomainSocketAddress.of(path);
    }
}
