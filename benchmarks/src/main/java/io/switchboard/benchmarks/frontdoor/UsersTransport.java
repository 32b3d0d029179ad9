package io.switchboard.benchmarks.frontdoor;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringSocketChannel;
import io.switchboard.server.transport.IoPolling;
import io.switchboard.server.transport.Transport;
import java.util.List;
import java.util.Locale;

/**
 * How the benchmark's users hold their lines. The users share the machine's cores with the server they measure, so
 * the cheapest reader is the default: io_uring where the kernel allows it (one system call for many reads), then
 * epoll, then NIO.
 */
enum UsersTransport {
    IO_URING,
    EPOLL,
    NIO;

    static final List<String> CHOICES = List.of("auto", "io_uring", "epoll", "nio");

    /** {@code auto} or one of the kinds by its label; a kind this machine lacks is an error naming why. */
    static UsersTransport choose(String wanted) {
        switch (wanted) {
            case "auto":
                return IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
            case "io_uring":
                IoUring.ensureAvailability();
                return IO_URING;
            case "epoll":
                Epoll.ensureAvailability();
                return EPOLL;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException("--users-transport must be one of " + CHOICES + ", not " + wanted);
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The users' event loops, each polling its lines for up to {@code pollMicros} before it sleeps (0: it sleeps as
     * soon as it has nothing to do). On one machine a sleeping reader is woken by the core that sends to it, the
     * server's: an inter-processor interrupt every few lines of a broadcast, which a user on a machine of its own
     * would not cost the server (docs/benchmarks.md, issue 18).
     */
    IoHandlerFactory ioHandlers(int pollMicros) {
        // Any call rate: the users route no calls.
        return Transport.pollingBeforeSleep(handlers(), new IoPolling(pollMicros, 0, () -> 0));
    }

    private IoHandlerFactory handlers() {
        switch (this) {
            case IO_URING:
                // Rings as large as the server's: a round's reads complete on every line at once.
                return Transport.ioUringHandlers();
            case EPOLL:
                return EpollIoHandler.newFactory();
            default:
                return NioIoHandler.newFactory();
        }
    }

    Class<? extends SocketChannel> channelType() {
        switch (this) {
            case IO_URING:
                return IoUringSocketChannel.class;
            case EPOLL:
                return EpollSocketChannel.class;
            default:
                return NioSocketChannel.class;
        }
    }
}
