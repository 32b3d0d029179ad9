package io.switchboard.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.server.auth.Authenticator;
import io.switchboard.server.auth.CallPermissions;
import io.switchboard.server.cluster.ClusterNode;
import io.switchboard.server.cluster.ClusterRouting;
import io.switchboard.server.cluster.ClusterSettings;
import io.switchboard.server.cluster.ClusterTls;
import io.switchboard.server.cluster.RemoteHandlers;
import io.switchboard.server.cluster.link.LinkOptions;
import io.switchboard.server.cluster.link.LinkTls;
import io.switchboard.server.frontdoor.FrontDoor;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorPipelines;
import io.switchboard.server.frontdoor.FrontDoorStats;
import io.switchboard.server.frontdoor.FrontDoors;
import io.switchboard.server.gather.ScatterGather;
import io.switchboard.server.held.HeldCalls;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.metrics.MetricsView;
import io.switchboard.server.monitor.AdminActions;
import io.switchboard.server.monitor.Health;
import io.switchboard.server.monitor.MonitorServer;
import io.switchboard.server.monitor.MonitorSettings;
import io.switchboard.server.monitor.Monitored;
import io.switchboard.server.pipeline.PipelineAssembler;
import io.switchboard.server.pipeline.ServerServices;
import io.switchboard.server.registry.Registry;
import io.switchboard.server.registry.RegistryControl;
import io.switchboard.server.registry.ServerListeners;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Permits;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionControl;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreException;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.Stores;
import io.switchboard.server.tickets.Tickets;
import io.switchboard.server.tls.PemMaterial;
import io.switchboard.server.tls.ServerTls;
import io.switchboard.server.tls.TlsFileException;
import io.switchboard.server.tls.TlsSettings;
import io.switchboard.server.transactions.ResourceManager;
import io.switchboard.server.transactions.XaLimits;
import io.switchboard.server.transport.AcceptFailures;
import io.switchboard.server.transport.IoPolling;
import io.switchboard.server.transport.Transport;
import io.switchboard.server.transport.UnixSocketFile;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Switchboard server: its listeners, routing core and shutdown. Start with {@link #start}. */
public final class SwitchboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SwitchboardServer.class);
    private static final long BIND_DEADLINE_MS = 10_000;
    /** How long {@link #close()} waits beyond the grace period for connections and threads to end. */
    private static final long CLOSE_SLACK_MS = 15_000;
    /** How long joining the cluster may take (discovery, then the coordinator's answer) before start fails. */
    private static final long CLUSTER_JOIN_DEADLINE_MS = 30_000;
    /** How often held calls whose publishers are on other nodes look for one (besides each RESULT). */
    private static final long HELD_ELSEWHERE_PERIOD_MS = 100;

    private final ServerConfig config;
    private final Transport transport;
    private final SessionDirectory directory;
    private final ServerCounters counters;
    private final Set<Connection> connections;
    /** The durable state (TTL registry entries, ...); closed by the shutdown after the connections. */
    private final Store store;
    /** The listeners' TLS (certificate reloading); closed after shutdown. */
    private final ServerTls tls;

    private final List<Channel> listeners = new ArrayList<>();
    private final List<Path> ownedSocketFiles = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> frontDoorPorts = new ConcurrentHashMap<>();
    private volatile GracefulShutdown shutdown;
    private FrontDoors frontDoors;
    private Authenticator auth;
    /** What the server measures (docs/monitoring.md, "Metrics"). */
    private MetricsView metrics = MetricsView.OFF;
    /** The monitoring port; null when monitor-port is unset. */
    private MonitorServer monitor;
    /** This node's cluster membership; null without cluster-name. */
    private volatile ClusterNode cluster;
    /** Lame duck (docs/monitoring.md): new publishers and calls are refused, calls in flight finish. */
    private volatile boolean draining;

    private int tcpPort;

    private SwitchboardServer(
            ServerConfig config,
            Transport transport,
            SessionDirectory directory,
            ServerCounters counters,
            Set<Connection> connections,
            Store store,
            ServerTls tls) {
        this.config = config;
        this.tls = tls;
        this.store = store;
        this.transport = transport;
        this.directory = directory;
        this.counters = counters;
        this.connections = connections;
    }

    /** Binds every listener and returns; throws {@link ServerStartException} when one cannot be bound. */
    public static SwitchboardServer start(ServerConfig config) {
        checkMonitorExposure(config);
        checkClusterStore(config);
        checkClusterSecurity(config);
        long startNanos = System.nanoTime();
        ServerTls tls = loadTls(config);
        ServerCounters counters = new ServerCounters();
        Transport transport;
        try {
            transport = Transport.create(
                    config.acceptorThreads(),
                    config.ioThreads(),
                    new IoPolling(config.ioSpinMicros(), config.ioSpinMaxCallsPerSecond(), counters::delivered));
        } catch (IllegalStateException e) {
            tls.close();
            throw new ServerStartException(e.getMessage(), e);
        }
        HashedWheelTimer timer = new HashedWheelTimer(
                new DefaultThreadFactory("switchboard-deadlines", true), 10, TimeUnit.MILLISECONDS, 512);
        SessionDirectory directory = new SessionDirectory();
        Set<Connection> connections = ConcurrentHashMap.newKeySet();
        Authenticator auth = authenticator(config);
        Health health = new Health();
        MonitorServer monitor = null;
        Store store;
        try {
            // First, so that probes see "starting" while the store opens.
            monitor = bindMonitor(config, transport, tls, auth, health);
            store = Stores.open(config.store());
        } catch (StoreException | ServerStartException e) {
            if (monitor != null) {
                monitor.close();
            }
            auth.close();
            timer.stop();
            transport.acceptors().shutdownGracefully(0, 0, TimeUnit.SECONDS);
            transport.workers().shutdownGracefully(0, 0, TimeUnit.SECONDS);
            tls.close();
            throw e instanceof ServerStartException ? e : new ServerStartException(e.getMessage(), e);
        }
        SwitchboardServer server =
                new SwitchboardServer(config, transport, directory, counters, connections, store, tls);
        server.monitor = monitor;
        server.auth = auth;
        health.watch(server::isShuttingDown, server::isDraining, store::writeFailure);
        CallRouter router = new CallRouter(
                directory,
                counters,
                timer,
                server::refusesNewWork,
                config.defaultTimeoutMs(),
                config.maxTimeoutMs(),
                config.maxFrameSize());
        server.frontDoors = FrontDoors.create(
                config.frontDoors(), transport.workers(), router, directory, timer, server::refusesNewWork);
        server.shutdown = new GracefulShutdown(
                config,
                transport,
                server.listeners,
                server.ownedSocketFiles,
                connections,
                router,
                server.frontDoors,
                counters,
                timer,
                store);
        if (monitor != null) {
            server.shutdown.beforeEventLoopsStop(monitor::close);
        }
        Registry registry = new Registry(server.store, timer);
        registry.limits(
                config.maxRegistrationsPerConnection(), config.maxWatchesPerConnection(), config.maxRegistryEntries());
        registry.reserve(server.ownNames());
        // The features that plug into routing (docs/architecture.md, "The routing seam").
        ScatterGather gather = new ScatterGather(router, config.maxFrameSize());
        router.intercept(gather);
        Tickets tickets = new Tickets(
                server.store,
                timer,
                config.ticketExpiryMs(),
                config.maxTimeoutMs(),
                config.maxFrameSize(),
                config.maxWaitingFetches());
        // Before the tickets: a call in an XA branch is held, and gets its ticket's outcome only once released.
        ResourceManager transactions = new ResourceManager(
                server.store,
                tickets,
                directory,
                new XaLimits(
                        config.maxCallsPerBranch(), config.maxBranchesPerConnection(), config.maxPreparedBranches()));
        router.intercept(transactions);
        router.intercept(tickets);
        if (server.auth.required()) {
            router.gate(new CallPermissions());
        }
        HeldCalls held = new HeldCalls(server.store, timer);
        held.permits(router.permits());
        directory.keeper(held);
        server.metrics = ServerMeters.install(
                config,
                new ServerMeters.Parts(
                        router,
                        server.store,
                        directory,
                        counters,
                        held,
                        server.frontDoors,
                        server.auth,
                        server::establishedConnections,
                        server::cluster));
        ServerServices services = new ServerServices(
                config,
                new SessionControl(
                        directory,
                        config.publisherMaxInflight(),
                        server::refusesNewWork,
                        config.sessionPolicies()::policyOf),
                router,
                new RegistryControl(registry, server::isShuttingDown),
                connections,
                server::shutdown,
                tickets,
                server.auth,
                transactions);
        try {
            registry.load();
            server.takeEpoch();
            tickets.recoverAfterRestart();
            transactions.loadPrepared();
            log.info("held calls: {}", held.load());
            tickets.startSweeping();
            server.joinCluster(held, tickets, router.permits(), timer, gather);
            server.cluster().ifPresent(node -> node.shareRegistry(registry));
            server.bind(services);
            server.registerOwnListeners(registry);
            if (monitor != null) {
                monitor.serve(server.monitored(registry, held));
            }
            health.started();
        } catch (RuntimeException e) {
            awaitQuietly(server.shutdown("start failed"));
            throw e instanceof ServerStartException ? e : new ServerStartException(e.getMessage(), e);
        }
        log.info(
                "{} started '{}' in {} ms",
                LogId.STARTED,
                config.name(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return server;
    }

    /**
     * The monitoring port shows the server's state and can shut it down: without users to check, it stays on
     * loopback unless the operator opens it on purpose.
     */
    private static void checkMonitorExposure(ServerConfig config) {
        MonitorSettings monitor = config.monitor();
        if (monitor.enabled()
                && config.authUsers().isEmpty()
                && !isLoopback(monitor.host())
                && !monitor.allowUnauthenticated()) {
            throw ServerStartException.badConfig(
                    "monitor-host " + monitor.host() + " is not a loopback address and auth-users is not set: anyone "
                            + "reaching the monitoring port could read the server's state and shut it down; set "
                            + "auth-users, use a loopback monitor-host, or set monitor-allow-unauthenticated: true",
                    null);
        }
    }

    /** A cluster shares the PostgreSQL store (and finds its members there): a SQLite store cannot take part. */
    private static void checkClusterStore(ServerConfig config) {
        ClusterSettings cluster = config.cluster();
        if (cluster.enabled() && config.store().kind() != StoreSettings.Kind.POSTGRESQL) {
            throw ServerStartException.badConfig(
                    "cluster-name '" + cluster.name() + "' needs the PostgreSQL store: set store-url to the "
                            + "database the members share (the store is " + config.store() + ")",
                    null);
        }
    }

    /**
     * Secure by default: a cluster reachable beyond loopback on a server that authenticates its clients must not
     * take unauthenticated cluster traffic (anyone reaching cluster-port could join and take calls).
     */
    private static void checkClusterSecurity(ServerConfig config) {
        ClusterSettings cluster = config.cluster();
        if (cluster.enabled()
                && config.authUsers().isPresent()
                && cluster.stack().isEmpty()
                && !isLoopback(cluster.host())
                && config.tls().isEmpty()
                && config.clusterTls() == ClusterTls.Mode.AUTO) {
            throw ServerStartException.badConfig(
                    "cluster-host " + cluster.host() + " is not a loopback address and auth-users is set, but cluster "
                            + "traffic would be neither encrypted nor authenticated: set tls-cert and tls-key (cluster "
                            + "traffic then uses mutual TLS with them), use a cluster-stack of your own, or set "
                            + "cluster-tls: off to accept plain cluster traffic",
                    null);
        }
    }

    /** Mutual TLS for cluster traffic from the server's own certificate, unless cluster-tls is off. */
    private static Optional<SSLContext> clusterTls(ServerConfig config) {
        if (config.clusterTls() == ClusterTls.Mode.OFF || config.tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClusterTls.context(PemMaterial.load(config.tls().get())));
        } catch (TlsFileException e) {
            throw ServerStartException.badConfig(e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw ServerStartException.badConfig("cluster-tls: " + e.getMessage(), e);
        }
    }

    /**
     * Joins the cluster before the listeners bind, so that every publication is announced, and routes calls across
     * nodes: the cluster's keeper wraps {@code held} on the routing seam (docs/cluster.md).
     */
    private void joinCluster(
            HeldCalls held, Tickets tickets, Permits permits, HashedWheelTimer timer, ScatterGather gather) {
        ClusterSettings settings = config.cluster();
        if (!settings.enabled()) {
            return;
        }
        try {
            cluster = ClusterNode.join(
                    settings,
                    config.name(),
                    directory,
                    store,
                    clusterTls(config),
                    CLUSTER_JOIN_DEADLINE_MS,
                    linkOptions());
            ClusterRouting routing = ClusterRouting.install(
                    cluster, directory, held, permits, timer, counters, this::refusesNewWork, config.maxFrameSize());
            routing.gatherWith(gather);
            // Front doors across nodes: handler instances elsewhere, $lines to lines elsewhere (docs/front-door.md).
            RemoteHandlers doors = RemoteHandlers.install(
                    cluster,
                    frontDoors,
                    directory,
                    permits,
                    timer,
                    counters,
                    this::refusesNewWork,
                    config.maxFrameSize());
            shutdown.failForwardedWith(() -> {
                routing.failOpenCalls();
                doors.failOpenCalls();
            });
            // Shared durable state (docs/cluster.md): held calls drain to publishers on other nodes, outcomes
            // wake FETCHes on other nodes, and the coordinator takes over the work of gone nodes.
            held.elsewhere(routing.elsewhere(), HELD_ELSEWHERE_PERIOD_MS);
            tickets.onOutcome(cluster.outcomes(tickets::outcomeStoredElsewhere));
            cluster.takeOvers(taken -> {
                if (!taken.tickets().isEmpty()) {
                    tickets.takeOver(taken.tickets());
                }
                if (!taken.held().isEmpty()) {
                    log.info("held calls taken over: {}", held.adopt(taken.held()));
                }
            });
        } catch (IllegalArgumentException e) {
            throw ServerStartException.badConfig(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
    }

    /**
     * In a cluster, a fresh membership epoch from the store before any ticket or held call is loaded: this node
     * then loads and works on its own epoch's rows only (none yet), and gone nodes' rows come by takeover.
     */
    private void takeEpoch() {
        if (!config.cluster().enabled()) {
            return;
        }
        try {
            long epoch = store.takeEpoch(config.name());
            log.info("cluster: took membership epoch {} from the store", epoch);
        } catch (StoreException e) {
            throw new ServerStartException("cannot take a cluster epoch: " + e.getMessage(), e);
        }
    }

    /**
     * The cluster link on the server's own event loops, with TLS when the server has it and cluster-tls is auto, as
     * for JGroups' traffic (docs/cluster.md).
     */
    private LinkOptions linkOptions() {
        Optional<LinkTls> linkTls = Optional.empty();
        if (config.tls().isPresent() && config.clusterTls() == ClusterTls.Mode.AUTO) {
            TlsSettings settings = config.tls().get();
            try {
                linkTls = Optional.of(LinkTls.of(settings, PemMaterial.load(settings)));
            } catch (TlsFileException e) {
                throw new IllegalArgumentException("cluster link: " + e.getMessage(), e);
            } catch (SSLException e) {
                throw new IllegalArgumentException("cluster link: the TLS files cannot be used: " + e.getMessage(), e);
            }
        }
        int maxMessageBytes = ClusterRouting.maxMessageBytes(config.maxFrameSize());
        return new LinkOptions(
                transport.acceptors(),
                transport.workers(),
                transport.tcpChannel(),
                transport.socketChannel(),
                linkTls,
                maxMessageBytes,
                LinkOptions.DEFAULT_CONNECT_TIMEOUT_MS,
                LinkOptions.pendingBytesFor(maxMessageBytes));
    }

    /** This node's cluster membership, when cluster-name is set. */
    public Optional<ClusterNode> cluster() {
        return Optional.ofNullable(cluster);
    }

    private static MonitorServer bindMonitor(
            ServerConfig config, Transport transport, ServerTls tls, Authenticator auth, Health health) {
        MonitorSettings settings = config.monitor();
        if (!settings.enabled()) {
            return null;
        }
        if (config.authUsers().isEmpty() && !isLoopback(settings.host())) {
            log.warn(
                    "{} the monitoring port listens on {} without authentication (monitor-allow-unauthenticated): "
                            + "anyone who reaches it may read the server's state and shut it down",
                    LogId.MONITOR_UNAUTHENTICATED,
                    settings.host());
        }
        try {
            return MonitorServer.bind(
                    settings,
                    transport.acceptors(),
                    transport.workers(),
                    transport.tcpChannel(),
                    settings.tls() ? tls.clientPort() : null,
                    auth,
                    health,
                    BIND_DEADLINE_MS);
        } catch (IllegalStateException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
    }

    /** What the monitoring port reads and the admin actions it may take. */
    private Monitored monitored(Registry registry, HeldCalls held) {
        AdminActions actions = new AdminActions() {
            @Override
            public void shutdown(String reason) {
                SwitchboardServer.this.shutdown(reason);
            }

            @Override
            public void drain() {
                SwitchboardServer.this.drain();
            }

            @Override
            public boolean reloadTls() {
                return SwitchboardServer.this.reloadTls();
            }
        };
        return new Monitored(
                config,
                UUID.randomUUID().toString(),
                Instant.now(),
                this::stats,
                counters,
                connections,
                directory,
                frontDoors,
                store,
                registry,
                held::heldCount,
                this::metrics,
                this::cluster,
                actions);
    }

    /** Checks and loads every TLS file before anything starts: a bad file is a configuration error (exit 2). */
    private static ServerTls loadTls(ServerConfig config) {
        Map<String, TlsSettings> doors = new LinkedHashMap<>();
        for (FrontDoorConfig door : config.frontDoors()) {
            door.tls().ifPresent(settings -> doors.put(door.name(), settings));
        }
        try {
            return ServerTls.load(config.tls(), doors, config.tlsReloadCheckMs());
        } catch (TlsFileException e) {
            throw ServerStartException.badConfig(e.getMessage(), e);
        }
    }

    /** Who may connect: the users of auth-users, else everyone (warned about when others can reach the port). */
    private static Authenticator authenticator(ServerConfig config) {
        if (config.adminToken().isPresent()) {
            log.warn(
                    "{} admin-token is deprecated: give a user 'permissions: {admin: true}' in the auth-users file",
                    LogId.ADMIN_TOKEN_DEPRECATED);
        }
        if (config.authUsers().isPresent()) {
            log.info(
                    "{} authentication on: {}",
                    LogId.AUTH_ON,
                    config.authUsers().get());
        } else if (!isLoopback(config.host())) {
            log.warn(
                    "{} listening on {} without authentication: anyone who can reach the port may publish, call and "
                            + "register; set auth-users (docs/security.md)",
                    LogId.AUTH_OFF_EXPOSED,
                    config.host());
        }
        return new Authenticator(
                config.authUsers().orElse(null), config.adminToken().orElse(null));
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> stopped) {
        try {
            stopped.get(CLOSE_SLACK_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{} cleanup after a failed start did not finish: {}", LogId.FAILED_START_CLEANUP, e.toString());
        }
    }

    private void bind(ServerServices services) {
        PipelineAssembler assembler = new PipelineAssembler(services, counters);
        AcceptFailures acceptFailures = new AcceptFailures();
        ServerBootstrap tcp = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.tcpChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .handler(acceptFailures)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(assembler.withTls(tls.clientPort()));
        Channel tcpChannel =
                bind(tcp, new InetSocketAddress(config.host(), config.port()), config.host() + ":" + config.port());
        tcpPort = ((InetSocketAddress) tcpChannel.localAddress()).getPort();
        log.info(
                "{} listening on {}://{}:{} ({})",
                LogId.LISTENING,
                tls.clientPort() == null ? "tcp" : "tls",
                config.host(),
                tcpPort,
                transport.name());
        if (config.unixSocket().isPresent()) {
            Path path = config.unixSocket().get();
            try {
                UnixSocketFile.prepare(path);
            } catch (IllegalStateException e) {
                throw new ServerStartException(e.getMessage(), e);
            }
            ServerBootstrap unix = new ServerBootstrap()
                    .group(transport.acceptors(), transport.workers())
                    .channel(transport.unixChannel())
                    .handler(acceptFailures)
                    // The unix socket stays plain: only local processes allowed by the file's permissions reach it.
                    .childHandler(assembler);
            bind(unix, transport.unixAddress(path), path.toString());
            ownedSocketFiles.add(path);
            log.info("{} listening on unix://{}", LogId.LISTENING_UNIX, path);
        }
        for (FrontDoor door : frontDoors.all()) {
            bindFrontDoor(door);
        }
    }

    private void bindFrontDoor(FrontDoor door) {
        var config = door.config();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptors(), transport.workers())
                .channel(transport.tcpChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new FrontDoorPipelines(door, tls.frontDoor(config.name())));
        Channel channel = bind(
                bootstrap,
                new InetSocketAddress(config.host(), config.port()),
                "front door '" + config.name() + "' " + config.host() + ":" + config.port());
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        frontDoorPorts.put(config.name(), port);
        log.info(
                "{} front door '{}' listening on {}{}://{}:{}{} for '{}'",
                LogId.FRONT_DOOR_LISTENING,
                config.name(),
                config.protocol().wireName(),
                config.tls().isPresent() ? " with TLS" : "",
                config.host(),
                port,
                config.protocol().wireName().equals("websocket") ? config.path() : "",
                config.alias());
    }

    /** The server's name and aliases: it registers its listeners under them, and nobody else may. */
    private List<String> ownNames() {
        List<String> names = new ArrayList<>();
        names.add(config.name());
        names.addAll(config.aliases());
        return names;
    }

    /** The server's own registry entries, under its name and each alias: present while it runs. */
    private void registerOwnListeners(Registry registry) {
        ServerListeners own =
                new ServerListeners(config.host(), tcpPort, config.tls().isPresent(), config.unixSocket());
        for (FrontDoor door : frontDoors.all()) {
            own.frontDoor(door.config(), frontDoorPorts.get(door.config().name()));
        }
        List<String> names = ownNames();
        for (String name : names) {
            registry.registerOwn(name, own.endpoints(), own.metadata());
        }
        log.info("registered {} under {}", own.endpoints(), names);
    }

    private Channel bind(ServerBootstrap bootstrap, SocketAddress address, String where) {
        ChannelFuture bound = bootstrap.bind(address);
        if (!bound.awaitUninterruptibly(BIND_DEADLINE_MS)) {
            throw new ServerStartException("binding " + where + " took more than " + BIND_DEADLINE_MS + " ms", null);
        }
        if (!bound.isSuccess()) {
            throw new ServerStartException(
                    "cannot listen on " + where + ": " + bound.cause().getMessage(), bound.cause());
        }
        listeners.add(bound.channel());
        return bound.channel();
    }

    public ServerConfig config() {
        return config;
    }

    /** The transport the listeners run on: {@code epoll}, {@code io_uring} or {@code nio}. */
    public String transportName() {
        return transport.name();
    }

    /** The TCP port actually bound (useful with port 0). */
    public int tcpPort() {
        return tcpPort;
    }

    /** The port a front door actually bound (useful with port 0). */
    public int frontDoorPort(String name) {
        Integer port = frontDoorPorts.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no front door '" + name + "'");
        }
        return port;
    }

    /** A snapshot of the front door {@code name}; see docs/front-door.md, "Observing a front door". */
    public FrontDoorStats frontDoorStats(String name) {
        FrontDoor door = frontDoors.get(name);
        if (door == null) {
            throw new IllegalArgumentException("no front door '" + name + "'");
        }
        return door.stats();
    }

    /** The open connections of the client port and the unix socket (tests look at what a handshake set). */
    Set<Connection> connections() {
        return Set.copyOf(connections);
    }

    public Optional<Path> unixSocketPath() {
        return config.unixSocket();
    }

    public boolean isShuttingDown() {
        GracefulShutdown sequence = shutdown;
        return sequence != null && sequence.isShuttingDown();
    }

    /**
     * Lame duck: from now on new PUBLISHes and new calls are refused as during a shutdown ({@code shutting-down}),
     * calls in flight finish, connections stay open; the monitoring port's /healthz answers 503 "draining".
     * Idempotent; only a shutdown ends it.
     */
    public void drain() {
        if (!draining) {
            draining = true;
            log.info("draining: new sessions and calls are refused; {} calls in flight finish", counters.outstanding());
        }
    }

    public boolean isDraining() {
        return draining;
    }

    /** Whether new publishers and calls are refused: shutting down or draining. */
    private boolean refusesNewWork() {
        return draining || isShuttingDown();
    }

    /** The monitoring port's number (the bound one when monitor-port is 0). */
    public int monitorPort() {
        if (monitor == null) {
            throw new IllegalStateException("no monitoring port (monitor-port is not set)");
        }
        return monitor.port();
    }

    /** Connections past their handshake and not closed. */
    private int establishedConnections() {
        int established = 0;
        for (Connection connection : connections) {
            if (connection.isEstablished() && !connection.isClosed()) {
                established++;
            }
        }
        return established;
    }

    public ServerStats stats() {
        return new ServerStats(
                establishedConnections(),
                directory.sessionCount(),
                counters.outstanding(),
                counters.delivered(),
                counters.lateResults(),
                counters.busy(),
                counters.timeouts(),
                auth == null ? 0 : auth.failures(),
                counters.slowConsumers(),
                counters.connectionsRefused(),
                counters.overloadedClosed(),
                counters.outOfMemoryErrors(),
                counters.pingsAnswered());
    }

    /** The server's measurements, as the monitoring port serves them. */
    public MetricsView metrics() {
        return metrics;
    }

    /**
     * Reloads the TLS certificates of the client port and the front doors from their files now, as SIGHUP and a
     * change of the files do; new connections use them, established ones stay. False when a listener's files were
     * unusable (that listener keeps its current certificate; the log says why).
     */
    public boolean reloadTls() {
        return tls.reloadAll("reload requested");
    }

    /** Starts the graceful shutdown (idempotent); the future completes when everything is closed. */
    public CompletableFuture<Void> shutdown() {
        return shutdown("shutdown requested");
    }

    /** As {@link #shutdown()}, telling clients {@code reason} in the SHUTDOWN frame. */
    public CompletableFuture<Void> shutdown(String reason) {
        CompletableFuture<Void> stopped = shutdown.begin(reason);
        stopped.whenComplete((v, e) -> {
            ClusterNode node = cluster;
            if (node != null) {
                node.close(); // leaves the view: the other members drop this node's aliases
            }
            if (monitor != null) {
                monitor.close();
            }
            tls.close();
            if (auth != null) {
                auth.close();
            }
            if (metrics instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        });
        return stopped;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("{} closing {} failed: {}", LogId.CLOSE_FAILED, closeable, e.toString());
        }
    }

    /** Graceful shutdown, waiting at most the grace period plus a little for it to finish. */
    @Override
    public void close() {
        closeFor("shutdown requested");
    }

    /** As {@link #close()}, telling clients {@code reason}. */
    public void closeFor(String reason) {
        try {
            shutdown(reason).get(config.shutdownGraceMs() + CLOSE_SLACK_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{} shutdown did not finish cleanly: {}", LogId.SHUTDOWN_UNCLEAN, e.toString());
        }
    }
}
