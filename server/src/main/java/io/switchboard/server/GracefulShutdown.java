package io.switchboard.server;

import io.netty.channel.Channel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.server.frontdoor.FrontDoors;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.store.Store;
import io.switchboard.server.transport.Transport;
import io.switchboard.server.transport.UnixSocketFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shutdown sequence, run once on its own thread: stop accepting (front doors too), tell every client, refuse
 * new calls, let outstanding deliveries finish within the grace period, answer the rest {@code shutting-down},
 * close the front doors' lines (telling users why), close the connections, then the event loops.
 */
final class GracefulShutdown {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    private static final long CLOSE_DEADLINE_MS = 5_000;

    private final ServerConfig config;
    private final Transport transport;
    private final List<Channel> listeners;
    private final List<Path> ownedSocketFiles;
    private final Set<Connection> connections;
    private final CallRouter router;
    private final FrontDoors frontDoors;
    private final ServerCounters counters;
    private final HashedWheelTimer timer;
    private final Store store;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Answers the calls this node forwarded to other cluster nodes that are still open; set when it joins. */
    private volatile Runnable failForwarded = () -> {};

    private volatile Runnable beforeEventLoopsStop = () -> {};

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean shuttingDown;

    GracefulShutdown(
            ServerConfig config,
            Transport transport,
            List<Channel> listeners,
            List<Path> ownedSocketFiles,
            Set<Connection> connections,
            CallRouter router,
            FrontDoors frontDoors,
            ServerCounters counters,
            HashedWheelTimer timer,
            Store store) {
        this.config = config;
        this.transport = transport;
        this.listeners = listeners;
        this.ownedSocketFiles = ownedSocketFiles;
        this.connections = connections;
        this.router = router;
        this.frontDoors = frontDoors;
        this.counters = counters;
        this.timer = timer;
        this.store = store;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    CompletableFuture<Void> begin(String reason) {
        if (started.compareAndSet(false, true)) {
            Thread thread = new Thread(() -> run(reason), "switchboard-shutdown");
            thread.setDaemon(false);
            thread.start();
        }
        return done;
    }

    /**
     * Installs what closes, last, on the event loops while they still run: the monitoring port. A channel left to the
     * loops' own termination is closed by epoll's, but io_uring's left the listening socket bound for seconds.
     */
    void beforeEventLoopsStop(Runnable action) {
        beforeEventLoopsStop = action;
    }

    /** Installs what answers forwarded calls still open after the grace period (calls across cluster nodes). */
    void failForwardedWith(Runnable fail) {
        failForwarded = fail;
    }

    private void run(String reason) {
        try {
            log.info(
                    "{} shutting down ({}); grace period {} ms", LogId.SHUTTING_DOWN, reason, config.shutdownGraceMs());
            shuttingDown = true;
            closeListeners();
            Shutdown notice = new Shutdown(config.shutdownGraceMs(), reason);
            for (Connection connection : connections) {
                if (connection.isEstablished()) {
                    connection.send(notice);
                }
            }
            awaitDrained();
            for (Connection connection : connections) {
                router.failAll(connection, ResultCode.SHUTTING_DOWN, "the server shut down before the call finished");
            }
            failForwarded.run();
            closeLines();
            closeConnections();
            timer.stop();
            closeStore();
            beforeEventLoopsStop.run();
            transport.acceptors().shutdownGracefully(0, 1, TimeUnit.SECONDS);
            transport.workers().shutdownGracefully(0, 1, TimeUnit.SECONDS);
            transport.acceptors().awaitTermination(CLOSE_DEADLINE_MS, TimeUnit.MILLISECONDS);
            transport.workers().awaitTermination(CLOSE_DEADLINE_MS, TimeUnit.MILLISECONDS);
            log.info("{} shut down", LogId.SHUT_DOWN);
            done.complete(null);
        } catch (Throwable t) {
            log.error("{} shutdown failed", LogId.SHUTDOWN_FAILED, t);
            done.completeExceptionally(t);
        }
    }

    private void closeListeners() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly(CLOSE_DEADLINE_MS);
        }
        // Only a socket this server bound: a failed start must not delete another server's socket.
        ownedSocketFiles.forEach(UnixSocketFile::remove);
    }

    /** Polls because outstanding deliveries settle on many event loops; a 10 ms step is plenty for shutdown. */
    private void awaitDrained() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownGraceMs());
        while (counters.outstanding() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        if (counters.outstanding() > 0) {
            log.warn(
                    "{} grace period over; {} deliveries still outstanding are answered shutting-down",
                    LogId.GRACE_OVER,
                    counters.outstanding());
        }
    }

    /** After the grace period, so replies to the last inputs still reach their users. */
    private void closeLines() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_DEADLINE_MS);
        for (Channel line : frontDoors.closeAllLines()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !line.closeFuture().awaitUninterruptibly(left)) {
                log.warn(
                        "{} front door lines still closing after {} ms; going on",
                        LogId.FRONT_DOOR_LINES_CLOSING,
                        CLOSE_DEADLINE_MS);
                return;
            }
        }
    }

    /** Last: what the closing connections changed (their registry entries' removal, say) is committed first. */
    private void closeStore() {
        try {
            store.close();
        } catch (RuntimeException e) {
            log.warn("{} closing the store {} failed: {}", LogId.STORE_CLOSE_FAILED, store.location(), e.toString());
        }
    }

    private void closeConnections() {
        List<Connection> open = List.copyOf(connections);
        for (Connection connection : open) {
            connection.close();
        }
        for (Connection connection : open) {
            connection.channel().closeFuture().awaitUninterruptibly(CLOSE_DEADLINE_MS);
        }
    }
}
