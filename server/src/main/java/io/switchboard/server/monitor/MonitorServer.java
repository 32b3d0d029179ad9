package io.switchboard.server.monitor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.switchboard.server.auth.Authenticator;
import io.switchboard.server.tls.CertificateReloader;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring port: HTTP on the server's own event loops, endpoints that may block on a small bounded executor.
 * Bound first at start so probes see {@code starting}; {@link #serve} adds the endpoints once the server runs.
 */
public final class MonitorServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);
    static final int THREADS = 2;
    /** Requests waiting for a monitoring thread; one more is answered 503 busy. */
    static final int QUEUE = 64;

    private final Health health;
    private final MonitorAuth auth;
    private final ThreadPoolExecutor executor;
    /** The dashboard at {@code /}: a static page, loaded once. */
    private final DashboardPage dashboard = DashboardPage.load();

    private volatile Router router;
    private volatile boolean serving;
    private Channel channel;

    private MonitorServer(Health health, Authenticator authenticator) {
        this.health = health;
        this.auth = new MonitorAuth(authenticator);
        this.executor = new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "switchboard-monitor");
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
        this.router = new Router().add("/healthz", health());
    }

    /**
     * Binds the port (waiting at most {@code deadlineMs}); only {@code /healthz} answers until {@link #serve}.
     *
     * @param tls the client port's TLS, or null for plain HTTP
     * @throws IllegalStateException when the port cannot be bound
     */
    public static MonitorServer bind(
            MonitorSettings settings,
            EventLoopGroup acceptors,
            EventLoopGroup workers,
            Class<? extends ServerChannel> channelType,
            CertificateReloader tls,
            Authenticator authenticator,
            Health health,
            long deadlineMs) {
        MonitorServer server = new MonitorServer(health, authenticator);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new MonitorPipeline(server, tls));
        String where =
                "the monitoring port " + settings.host() + ":" + settings.port().orElseThrow();
        ChannelFuture bound = bootstrap.bind(
                new InetSocketAddress(settings.host(), settings.port().orElseThrow()));
        if (!bound.awaitUninterruptibly(deadlineMs)) {
            server.executor.shutdownNow();
            throw new IllegalStateException("binding " + where + " took more than " + deadlineMs + " ms");
        }
        if (!bound.isSuccess()) {
            server.executor.shutdownNow();
            throw new IllegalStateException(
                    "cannot listen on " + where + ": " + bound.cause().getMessage());
        }
        server.channel = bound.channel();
        log.info(
                "monitoring port listening on {}://{}:{}",
                tls == null ? "http" : "https",
                settings.host(),
                server.port());
        return server;
    }

    /** Every endpoint, reading {@code server}. */
    public void serve(Monitored server) {
        AdminEndpoints admin = new AdminEndpoints(server);
        router = new Router()
                .add("/healthz", health())
                .add("/", Route.get().onLoop().to(dashboard))
                .add("/varz", Route.get().to(new VarzEndpoint(server)))
                .add("/connz", Route.get("sort", "limit", "offset").to(new ConnzEndpoint(server)))
                .add("/sessionz", Route.get().to(new SessionzEndpoint(server)))
                .add("/frontdoorz", Route.get().to(new FrontDoorzEndpoint(server)))
                .add("/storez", Route.get().to(new StorezEndpoint(server)))
                .add("/registryz", Route.get().to(new RegistryzEndpoint(server)))
                .add("/clusterz", Route.get().to(new ClusterzEndpoint(server)))
                .add("/metrics", Route.get().to(new MetricsEndpoint(server)))
                .add("/admin/shutdown", Route.post().to(admin::shutdown))
                .add("/admin/drain", Route.post().to(admin::drain))
                .add("/admin/kick", Route.post("cid").to(admin::kick))
                .add("/admin/reload-tls", Route.post().to(admin::reloadTls));
        serving = true;
    }

    /** Whether every endpoint answers (the server has started). */
    boolean serving() {
        return serving;
    }

    private Route health() {
        return Route.get("live", "ready").access(Route.Access.OPEN).onLoop().to(new HealthEndpoint(health));
    }

    /** The port bound (the real one when monitor-port is 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    Router router() {
        return router;
    }

    MonitorAuth auth() {
        return auth;
    }

    ThreadPoolExecutor executor() {
        return executor;
    }

    /** Stops listening; open monitoring connections end with the event loops. */
    @Override
    public void close() {
        if (channel != null && !channel.eventLoop().isShuttingDown()) {
            channel.close().awaitUninterruptibly(5_000);
        }
        executor.shutdownNow();
    }
}
