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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The I/O machinery: native epoll where available (Linux), Java NIO elsewhere, and io_uring (Linux) when asked
 * for. NIO serves unix domain sockets too (Java 16+), so both listeners work on each.
 */
public final class Transport {

    /** One family of event loops and channel types. */
    public enum Kind {
        NIO,
        EPOLL,
        IO_URING;

        /** The name operators write and logs show: {@code nio}, {@code epoll}, {@code io_uring}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    private Transport(Kind kind, EventLoopGroup acceptors, EventLoopGroup workers) {
        this.kind = kind;
        this.acceptors = acceptors;
        this.workers = workers;
    }

    /**
     * System property choosing the transport: {@code auto} (default: epoll when available, else NIO), {@code nio}
     * (always NIO; for comparison and for tests of the NIO path), {@code epoll} or {@code io_uring} (fail if
     * unavailable). io_uring is never chosen by {@code auto}: kernels and container sandboxes differ in whether
     * they allow it.
     */
    public static final String TRANSPORT_PROPERTY = "switchboard.transport";

    /**
     * @param ioThreads 0 for {@link #defaultIoThreads()}
     * @param polling how an idle I/O thread polls before it sleeps ({@link SpinningIoHandler}); with a spin of 0 it
     *     never does
     */
    public static Transport create(int acceptorThreads, int ioThreads, IoPolling polling) {
        Kind kind = choose(System.getProperty(TRANSPORT_PROPERTY, "auto"));
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(
                acceptorThreads, new DefaultThreadFactory("switchboard-accept"), defaultHandlers(kind));
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
                ioThreads > 0 ? ioThreads : defaultIoThreads(),
                new DefaultThreadFactory("switchboard-io"),
                SpinningIoHandler.around(ioHandlers(kind), polling));
        return new Transport(kind, acceptors, workers);
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

    /** The kind {@code wanted} names, checked against what this machine offers. */
    static Kind choose(String wanted) {
        switch (wanted) {
            case "nio":
                return Kind.NIO;
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException(
                            "epoll transport requested but unavailable: " + Epoll.unavailabilityCause());
                }
                return Kind.EPOLL;
            case "io_uring":
                if (!IoUring.isAvailable()) {
                    throw new IllegalStateException(
                            "io_uring transport requested but unavailable: " + IoUring.unavailabilityCause());
                }
                return Kind.IO_URING;
            case "auto":
                return Epoll.isAvailable() ? Kind.EPOLL : Kind.NIO;
            default:
                throw new IllegalStateException(
                        "-D" + TRANSPORT_PROPERTY + " must be auto, nio, epoll or io_uring, not '" + wanted + "'");
        }
    }

    /** Submission entries of an I/O thread's io_uring ring: one {@code io_uring_enter} sends up to this many writes. */
    public static final int IO_URING_SUBMISSIONS = 4096;

    /**
     * Completion entries of an I/O thread's io_uring ring, the kernel's largest. A broadcast queues one send per
     * line and reaps no completion until it has queued them all: with Netty's default (4,096), a broadcast to more
     * lines of one I/O thread overflowed the queue, so the kernel kept every further completion in memory it
     * allocated, and Netty logged a warning for each pass. Together the two rings take about 1.3 MiB of kernel
     * memory per I/O thread.
     */
    public static final int IO_URING_COMPLETIONS = 65_536;

    /** io_uring event loops whose rings hold a broadcast to up to {@link #IO_URING_COMPLETIONS} lines. */
    public static IoHandlerFactory ioUringHandlers() {
        return IoUringIoHandler.newFactory(
                new IoUringIoHandlerConfig().setRingSize(IO_URING_SUBMISSIONS).setCqSize(IO_URING_COMPLETIONS));
    }

    /**
     * {@code handlers}, each polling as {@code polling} says before it sleeps ({@link SpinningIoHandler}); for event
     * loops outside the server, such as the benchmarks' users, that must not be woken for every frame.
     */
    public static IoHandlerFactory pollingBeforeSleep(IoHandlerFactory handlers, IoPolling polling) {
        return SpinningIoHandler.around(handlers, polling);
    }

    private static IoHandlerFactory ioHandlers(Kind kind) {
        return kind == Kind.IO_URING ? ioUringHandlers() : defaultHandlers(kind);
    }

    /** Netty's defaults: the acceptors' on every transport (they only take connections), the other I/O threads'. */
    private static IoHandlerFactory defaultHandlers(Kind kind) {
        switch (kind) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return kind.label();
    }

    public EventLoopGroup acceptors() {
        return acceptors;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerChannel> tcpChannel() {
        switch (kind) {
            case EPOLL:
                return EpollServerSocketChannel.class;
            case IO_URING:
                return IoUringServerSocketChannel.class;
            default:
                return NioServerSocketChannel.class;
        }
    }

    /** The channel type for outgoing TCP connections (the cluster's link). */
    public Class<? extends Channel> socketChannel() {
        switch (kind) {
            case EPOLL:
                return EpollSocketChannel.class;
            case IO_URING:
                return IoUringSocketChannel.class;
            default:
                return NioSocketChannel.class;
        }
    }

    public Class<? extends ServerChannel> unixChannel() {
        switch (kind) {
            case EPOLL:
                return EpollServerDomainSocketChannel.class;
            case IO_URING:
                return IoUringServerDomainSocketChannel.class;
            default:
                return NioServerDomainSocketChannel.class;
        }
    }

    public SocketAddress unixAddress(Path path) {
        return kind == Kind.NIO ? UnixDomainSocketAddress.of(path) : new DomainSocketAddress(path.toFile());
    }
}
