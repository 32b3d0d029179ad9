package io.switchboard.server;

import io.switchboard.server.cluster.ClusterSettings;
import io.switchboard.server.cluster.ClusterTls;
import io.switchboard.server.cluster.Discovery;
import io.switchboard.server.cluster.Peer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.held.SessionPolicies;
import io.switchboard.server.monitor.MonitorSettings;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.tls.TlsSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link SwitchboardServer} needs to know, fixed at start. Every field has a default, so
 * {@code ServerConfig.builder().build()} is a working configuration. {@link Builder#build()} checks the values
 * and throws {@link IllegalArgumentException} naming the first bad one.
 */
public final class ServerConfig {

    private final String name;
    private final List<String> aliases;
    private final String host;
    private final int port;
    private final Path unixSocket;
    /** Longest io-spin-micros: a millisecond of polling is already far past any wake-up it could save. */
    public static final int MAX_IO_SPIN_MICROS = 1000;

    private final int ioThreads;
    private final int ioSpinMicros;
    private final int ioSpinMaxCallsPerSecond;
    private final int acceptorThreads;
    private final int maxFrameSize;
    private final long heartbeatMs;
    private final long minHeartbeatMs;
    private final long maxHeartbeatMs;
    private final long handshakeTimeoutMs;
    private final long defaultTimeoutMs;
    private final long maxTimeoutMs;
    private final int publisherMaxInflight;
    private final long shutdownGraceMs;
    private final String adminToken;
    private final io.switchboard.server.auth.Users authUsers;
    private final List<FrontDoorConfig> frontDoors;
    private final StoreSettings store;
    private final long ticketExpiryMs;
    private final int maxWaitingFetches;
    private final long partialFrameTimeoutMs;
    private final int maxRegistrationsPerConnection;
    private final int maxRegistryEntries;
    private final int maxWatchesPerConnection;
    private final int maxPreparedBranches;
    private final int maxBranchesPerConnection;
    private final int maxCallsPerBranch;
    private final int maxInflightCallsPerConnection;
    private final SessionPolicies sessionPolicies;
    private final boolean compression;
    private final int compressAbove;
    private final long maxPendingBytesPerConnection;
    private final long maxPartialFrameBytes;
    private final long maxPendingBytes;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int reservedConnections;
    private final int maxSubscriptionsPerConnection;
    private final int maxPublicationsPerConnection;
    private final boolean metrics;
    private final int metricsMaxAliases;

    private final Optional<TlsSettings> tls;
    private final long tlsReloadCheckMs;
    private final MonitorSettings monitor;
    private final ClusterSettings cluster;
    private final ClusterTls.Mode clusterTls;

    private ServerConfig(Builder b) {
        this.cluster = b.cluster;
        this.clusterTls = b.clusterTls;
        this.tls = b.tls;
        this.tlsReloadCheckMs = b.tlsReloadCheckMs;
        this.monitor = b.monitor;
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        this.host = b.host;
        this.port = b.port;
        this.unixSocket = b.unixSocket;
        this.ioThreads = b.ioThreads;
        this.ioSpinMicros = b.ioSpinMicros;
        this.ioSpinMaxCallsPerSecond = b.ioSpinMaxCallsPerSecond;
        this.acceptorThreads = b.acceptorThreads;
        this.maxFrameSize = b.maxFrameSize;
        this.heartbeatMs = b.heartbeatMs;
        this.minHeartbeatMs = b.minHeartbeatMs;
        this.maxHeartbeatMs = b.maxHeartbeatMs;
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        this.defaultTimeoutMs = b.defaultTimeoutMs;
        this.maxTimeoutMs = b.maxTimeoutMs;
        this.publisherMaxInflight = b.publisherMaxInflight;
        this.shutdownGraceMs = b.shutdownGraceMs;
        this.adminToken = b.adminToken;
        this.authUsers = b.authUsers;
        this.frontDoors = List.copyOf(b.frontDoors);
        this.store = b.store;
        this.ticketExpiryMs = b.ticketExpiryMs;
        this.maxWaitingFetches = b.maxWaitingFetches;
        this.partialFrameTimeoutMs = b.partialFrameTimeoutMs;
        this.maxRegistrationsPerConnection = b.maxRegistrationsPerConnection;
        this.maxRegistryEntries = b.maxRegistryEntries;
        this.maxWatchesPerConnection = b.maxWatchesPerConnection;
        this.maxPreparedBranches = b.maxPreparedBranches;
        this.maxBranchesPerConnection = b.maxBranchesPerConnection;
        this.maxCallsPerBranch = b.maxCallsPerBranch;
        this.maxInflightCallsPerConnection = b.maxInflightCallsPerConnection;
        this.sessionPolicies = b.sessionPolicies;
        this.compression = b.compression;
        this.compressAbove = b.compressAbove;
        this.maxPendingBytesPerConnection = b.maxPendingBytesPerConnection;
        this.maxPartialFrameBytes = b.maxPartialFrameBytes;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.reservedConnections = b.reservedConnections;
        this.maxSubscriptionsPerConnection = b.maxSubscriptionsPerConnection;
        this.maxPublicationsPerConnection = b.maxPublicationsPerConnection;
        this.metrics = b.metrics;
        this.metricsMaxAliases = b.metricsMaxAliases;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder()
                .name(name)
                .aliases(aliases)
                .host(host)
                .port(port)
                .unixSocket(unixSocket)
                .ioThreads(ioThreads)
                .ioSpinMicros(ioSpinMicros)
                .ioSpinMaxCallsPerSecond(ioSpinMaxCallsPerSecond)
                .acceptorThreads(acceptorThreads)
                .maxFrameSize(maxFrameSize)
                .heartbeatMs(heartbeatMs)
                .minHeartbeatMs(minHeartbeatMs)
                .maxHeartbeatMs(maxHeartbeatMs)
                .handshakeTimeoutMs(handshakeTimeoutMs)
                .defaultTimeoutMs(defaultTimeoutMs)
                .maxTimeoutMs(maxTimeoutMs)
                .publisherMaxInflight(publisherMaxInflight)
                .shutdownGraceMs(shutdownGraceMs)
                .adminToken(adminToken)
                .authUsers(authUsers)
                .frontDoors(frontDoors)
                .store(store)
                .ticketExpiryMs(ticketExpiryMs)
                .maxWaitingFetches(maxWaitingFetches)
                .partialFrameTimeoutMs(partialFrameTimeoutMs)
                .maxRegistrationsPerConnection(maxRegistrationsPerConnection)
                .maxRegistryEntries(maxRegistryEntries)
                .maxWatchesPerConnection(maxWatchesPerConnection)
                .maxPreparedBranches(maxPreparedBranches)
                .maxBranchesPerConnection(maxBranchesPerConnection)
                .maxCallsPerBranch(maxCallsPerBranch)
                .maxInflightCallsPerConnection(maxInflightCallsPerConnection)
                .sessionPolicies(sessionPolicies)
                .compression(compression)
                .compressAbove(compressAbove)
                .tlsCert(tls.map(TlsSettings::certFile).orElse(null))
                .tlsKey(tls.map(TlsSettings::keyFile).orElse(null))
                .tlsClientCa(tls.flatMap(TlsSettings::clientCaFile).orElse(null))
                .tlsMinVersion(tls.map(TlsSettings::minVersion).orElse(null))
                .tlsReloadCheckMs(tlsReloadCheckMs)
                .maxPendingBytesPerConnection(maxPendingBytesPerConnection)
                .maxPartialFrameBytes(maxPartialFrameBytes)
                .maxPendingBytes(maxPendingBytes)
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .reservedConnections(reservedConnections)
                .maxSubscriptionsPerConnection(maxSubscriptionsPerConnection)
                .maxPublicationsPerConnection(maxPublicationsPerConnection)
                .metrics(metrics)
                .metricsMaxAliases(metricsMaxAliases)
                .monitorPort(monitor.port().isPresent() ? monitor.port().getAsInt() : null)
                .monitorHost(monitor.host())
                .monitorTls(monitor.tls())
                .monitorAllowUnauthenticated(monitor.allowUnauthenticated())
                .clusterName(cluster.name())
                .clusterDiscovery(cluster.discovery().wireName())
                .clusterPeers(cluster.peers().stream().map(Peer::toString).toList())
                .clusterHost(cluster.host())
                .clusterPort(cluster.port())
                .clusterStack(cluster.stack().orElse(null))
                .clusterFailureDetectionMs(cluster.failureDetectionMs())
                .clusterLinkPort(cluster.linkPort())
                .clusterMaxForwarded(cluster.maxForwarded())
                .clusterTls(clusterTls.wireName());
    }

    /** {@code cluster-tls}: whether cluster traffic uses the server's TLS certificate (docs/cluster.md). */
    public ClusterTls.Mode clusterTls() {
        return clusterTls;
    }

    /** Clustering (docs/cluster.md); off unless cluster-name is set. */
    public ClusterSettings cluster() {
        return cluster;
    }

    /** The monitoring port (docs/monitoring.md, "The monitoring port"); off unless monitor-port is set. */
    public MonitorSettings monitor() {
        return monitor;
    }

    /** TLS on the client port (tcp; the unix socket stays plain); empty for plain TCP. */
    public Optional<TlsSettings> tls() {
        return tls;
    }

    /** How often the TLS files of the client port and the front doors are checked for changes; 0 = never. */
    public long tlsReloadCheckMs() {
        return tlsReloadCheckMs;
    }

    /** Whether the server agrees to compress payloads (deflate) with clients that offer it in HELLO; off by default. */
    public boolean compression() {
        return compression;
    }

    /** With compression: payloads longer than this many bytes are compressed, unless the client asked otherwise. */
    public int compressAbove() {
        return compressAbove;
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    public String host() {
        return host;
    }
    /** 0 asks the system for an ephemeral port. */
    public int port() {
        return port;
    }
    /** Unix domain socket path to listen on as well, or empty for TCP only. */
    public Optional<Path> unixSocket() {
        return Optional.ofNullable(unixSocket);
    }
    /** 0 = half the CPU cores, at least 1 (see Transport.defaultIoThreads). */
    public int ioThreads() {
        return ioThreads;
    }

    /** How long an idle I/O thread polls before it sleeps, in µs; 0 = it sleeps at once (see SpinningIoHandler). */
    public int ioSpinMicros() {
        return ioSpinMicros;
    }

    /** Above this many calls routed per second the I/O threads do not poll; 0 = no limit (see CallRateCap). */
    public int ioSpinMaxCallsPerSecond() {
        return ioSpinMaxCallsPerSecond;
    }

    public int acceptorThreads() {
        return acceptorThreads;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public long heartbeatMs() {
        return heartbeatMs;
    }

    public long minHeartbeatMs() {
        return minHeartbeatMs;
    }

    public long maxHeartbeatMs() {
        return maxHeartbeatMs;
    }

    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    public long defaultTimeoutMs() {
        return defaultTimeoutMs;
    }

    public long maxTimeoutMs() {
        return maxTimeoutMs;
    }

    public int publisherMaxInflight() {
        return publisherMaxInflight;
    }

    public long shutdownGraceMs() {
        return shutdownGraceMs;
    }

    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    /** The users of {@code auth-users}; empty: no authentication (every HELLO is welcome). */
    public Optional<io.switchboard.server.auth.Users> authUsers() {
        return Optional.ofNullable(authUsers);
    }
    /** The external listeners for end users (docs/front-door.md); empty for none. */
    public List<FrontDoorConfig> frontDoors() {
        return frontDoors;
    }
    /** Where the durable state (TTL registry entries, ...) lives; the builder's default is SQLite in memory. */
    public StoreSettings store() {
        return store;
    }

    /** How long the outcome of an async call is kept for FETCH after the call ended. */
    public long ticketExpiryMs() {
        return ticketExpiryMs;
    }

    /** The most FETCHes one connection may have waiting; more are answered {@code busy}. */
    public int maxWaitingFetches() {
        return maxWaitingFetches;
    }

    /** How long an incomplete frame or line may be held after the handshake before the connection is closed. */
    public long partialFrameTimeoutMs() {
        return partialFrameTimeoutMs;
    }

    /** The most registry entries one connection may have registered (connection-bound and TTL); more are refused busy. */
    public int maxRegistrationsPerConnection() {
        return maxRegistrationsPerConnection;
    }

    /** The most registry entries the server holds in all; a REGISTER of a new entry beyond it is refused busy. */
    public int maxRegistryEntries() {
        return maxRegistryEntries;
    }

    /** The most names one connection may WATCH at once; more are refused busy. */
    public int maxWatchesPerConnection() {
        return maxWatchesPerConnection;
    }

    /** XA: The most prepared XA branches the server keeps; a prepare beyond it rolls the branch back (xa-rolled-back). */
    public int maxPreparedBranches() {
        return maxPreparedBranches;
    }

    /** XA: The most unprepared XA branches one connection may have open; a call opening one more is refused busy. */
    public int maxBranchesPerConnection() {
        return maxBranchesPerConnection;
    }

    /** XA: The most calls one XA branch holds; a call beyond it is refused busy (docs/transactions.md). */
    public int maxCallsPerBranch() {
        return maxCallsPerBranch;
    }

    /** The most calls one connection may have in flight as a caller; more are answered busy. */
    public int maxInflightCallsPerConnection() {
        return maxInflightCallsPerConnection;
    }
    /** The configured policy of each alias ({@code session-policies}), for PUBLISHes that name none. */
    public SessionPolicies sessionPolicies() {
        return sessionPolicies;
    }

    /** The most bytes written to one connection and not yet taken by its peer; past it the peer is a slow consumer and is closed. */
    public long maxPendingBytesPerConnection() {
        return maxPendingBytesPerConnection;
    }

    /** The most buffer bytes incomplete inbound frames may hold over all connections; 0 = a quarter of the JVM's direct memory limit. */
    public long maxPartialFrameBytes() {
        return maxPartialFrameBytes;
    }

    /** The most bytes written and not yet taken by their peers over all connections; 0 = half the direct memory limit. */
    public long maxPendingBytes() {
        return maxPendingBytes;
    }

    /** The most connections at once (beyond it only admins get in, into the reserve). */
    public int maxConnections() {
        return maxConnections;
    }

    /** The most connections at once from one remote IP address (unix socket connections have none). */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Connections kept beyond {@link #maxConnections()} for admins (a HELLO with the admin token). */
    public int reservedConnections() {
        return reservedConnections;
    }

    /** The most aliases one connection may be subscribed to at once; more are refused. */
    public int maxSubscriptionsPerConnection() {
        return maxSubscriptionsPerConnection;
    }

    /** The most aliases one connection may publish at once; more PUBLISHes are refused. */
    public int maxPublicationsPerConnection() {
        return maxPublicationsPerConnection;
    }

    /** Whether calls, the store and the JVM are measured (docs/monitoring.md, "Metrics"); on by default. */
    public boolean metrics() {
        return metrics;
    }

    /** The most aliases with figures of their own; calls of later ones are counted under {@code other}. */
    public int metricsMaxAliases() {
        return metricsMaxAliases;
    }

    /** The heartbeat a connection gets when it asked for {@code requested} (null = no wish). */
    public long clampHeartbeat(Long requested) {
        long wanted = requested == null || requested <= 0 ? heartbeatMs : requested;
        return Math.max(minHeartbeatMs, Math.min(maxHeartbeatMs, wanted));
    }

    @Override
    public String toString() {
        return "ServerConfig[name=" + name + ", aliases=" + aliases + ", host=" + host + ", port=" + port
                + ", unixSocket=" + unixSocket + ", ioThreads=" + ioThreads + ", ioSpinMicros=" + ioSpinMicros
                + ", ioSpinMaxCallsPerSecond=" + ioSpinMaxCallsPerSecond
                + ", acceptorThreads=" + acceptorThreads
                + ", maxFrameSize=" + maxFrameSize + ", heartbeatMs=" + heartbeatMs + " [" + minHeartbeatMs + ".."
                + maxHeartbeatMs + "], handshakeTimeoutMs=" + handshakeTimeoutMs + ", defaultTimeoutMs="
                + defaultTimeoutMs + ", maxTimeoutMs=" + maxTimeoutMs + ", publisherMaxInflight="
                + publisherMaxInflight + ", shutdownGraceMs=" + shutdownGraceMs + ", adminToken="
                + (adminToken == null ? "none" : "set") + ", authUsers=" + (authUsers == null ? "none" : authUsers)
                + ", frontDoors=" + frontDoors + ", store=" + store
                + ", ticketExpiryMs=" + ticketExpiryMs
                + ", maxWaitingFetches=" + maxWaitingFetches
                + ", partialFrameTimeoutMs=" + partialFrameTimeoutMs
                + ", maxRegistrationsPerConnection=" + maxRegistrationsPerConnection
                + ", maxRegistryEntries=" + maxRegistryEntries
                + ", maxWatchesPerConnection=" + maxWatchesPerConnection
                + ", maxInflightCallsPerConnection=" + maxInflightCallsPerConnection
                + ", sessionPolicies=" + sessionPolicies + ", compression=" + (compression ? "deflate" : "off")
                + ", compressAbove=" + compressAbove + ", tls="
                + tls.map(TlsSettings::toString).orElse("off")
                + ", tlsReloadCheckMs=" + tlsReloadCheckMs
                + ", maxPendingBytesPerConnection=" + maxPendingBytesPerConnection
                + ", maxPartialFrameBytes=" + maxPartialFrameBytes
                + ", maxPendingBytes=" + maxPendingBytes
                + ", maxConnections=" + maxConnections
                + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", reservedConnections=" + reservedConnections
                + ", maxSubscriptionsPerConnection=" + maxSubscriptionsPerConnection
                + ", maxPublicationsPerConnection=" + maxPublicationsPerConnection
                + ", metrics=" + metrics
                + ", metricsMaxAliases=" + metricsMaxAliases
                + ", monitor=" + monitor + ", cluster=" + cluster + "]";
    }

    /** Mutable builder; every setter has the documented default. */
    public static final class Builder {
        private String name = "switchboard";
        private List<String> aliases = List.of();
        private String host = "127.0.0.1";
        private int port = 7420;
        private Path unixSocket;
        private int ioThreads = 0;
        private int ioSpinMicros = 0;
        private int ioSpinMaxCallsPerSecond = 50_000;
        private int acceptorThreads = 1;
        private int maxFrameSize = 1 << 20;
        private long heartbeatMs = 10_000;
        private long minHeartbeatMs = 100;
        private long maxHeartbeatMs = 300_000;
        private long handshakeTimeoutMs = 10_000;
        private long defaultTimeoutMs = 30_000;
        private long maxTimeoutMs = 300_000;
        private boolean compression = false;
        private int compressAbove = 1024;
        private int publisherMaxInflight = 1024;
        private long shutdownGraceMs = 10_000;
        private String adminToken;
        private io.switchboard.server.auth.Users authUsers;
        private List<FrontDoorConfig> frontDoors = List.of();
        private StoreSettings store = StoreSettings.inMemory();
        private long ticketExpiryMs = 3_600_000;
        private int maxWaitingFetches = 1024;
        private long partialFrameTimeoutMs = 30_000;
        private int maxRegistrationsPerConnection = 1024;
        private int maxRegistryEntries = 100_000;
        private int maxWatchesPerConnection = 1024;
        private int maxPreparedBranches = 10000;
        private int maxBranchesPerConnection = 64;
        private int maxCallsPerBranch = 1000;
        private int maxInflightCallsPerConnection = 8192;
        private SessionPolicies sessionPolicies = SessionPolicies.none();
        private Path tlsCert;
        private Path tlsKey;
        private Path tlsClientCa;
        private String tlsMinVersion;
        private long tlsReloadCheckMs = 2_000;
        private Optional<TlsSettings> tls = Optional.empty();
        private long maxPendingBytesPerConnection = 64L << 20;
        private long maxPartialFrameBytes = 0;
        private long maxPendingBytes = 0;
        private int maxConnections = 10_000;
        private int maxConnectionsPerAddress = 1_000;
        private int reservedConnections = 16;
        private int maxSubscriptionsPerConnection = 1_024;
        private int maxPublicationsPerConnection = 1_024;
        private boolean metrics = true;
        private int metricsMaxAliases = 100;

        private Integer monitorPort;
        private String monitorHost = "127.0.0.1";
        private boolean monitorTls = true;
        private boolean monitorAllowUnauthenticated;
        private MonitorSettings monitor;
        private String clusterName;
        private String clusterDiscovery = Discovery.JDBC.wireName();
        private List<String> clusterPeers = List.of();
        private String clusterHost = ClusterSettings.DEFAULT_HOST;
        private int clusterPort = ClusterSettings.DEFAULT_PORT;
        private Path clusterStack;
        private long clusterFailureDetectionMs = ClusterSettings.DEFAULT_FAILURE_DETECTION_MS;
        private Integer clusterLinkPort;
        private int clusterMaxForwarded = ClusterSettings.DEFAULT_MAX_FORWARDED;
        private String clusterTlsText = ClusterTls.Mode.AUTO.wireName();
        private ClusterTls.Mode clusterTls;
        private ClusterSettings cluster;

        /** The cluster to join; null (the default) = no cluster. */
        public Builder clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /** {@code jdbc} (default) or {@code static}. */
        public Builder clusterDiscovery(String discovery) {
            this.clusterDiscovery = discovery;
            return this;
        }

        /** host:port of the members, for static discovery. */
        public Builder clusterPeers(List<String> peers) {
            this.clusterPeers = List.copyOf(peers);
            return this;
        }

        public Builder clusterHost(String host) {
            this.clusterHost = host;
            return this;
        }

        public Builder clusterPort(int port) {
            this.clusterPort = port;
            return this;
        }

        /** An operator's own JGroups XML; null = the shipped one. */
        public Builder clusterStack(Path stack) {
            this.clusterStack = stack;
            return this;
        }

        /** The link's port; null (the default) = cluster-port + 1, 0 = a free port. */
        public Builder clusterLinkPort(Integer port) {
            this.clusterLinkPort = port;
            return this;
        }

        /** The most calls in flight from this node to one other node. */
        public Builder clusterMaxForwarded(int max) {
            this.clusterMaxForwarded = max;
            return this;
        }

        public Builder clusterFailureDetectionMs(long ms) {
            this.clusterFailureDetectionMs = ms;
            return this;
        }

        /** {@code auto} (default): cluster traffic over mutual TLS whenever tls-cert is set; {@code off}: plain. */
        public Builder clusterTls(String mode) {
            this.clusterTlsText = mode;
            return this;
        }

        private Builder() {}

        /** The monitoring port; null (the default) = off, 0 = a free port. */
        public Builder monitorPort(Integer port) {
            this.monitorPort = port;
            return this;
        }

        public Builder monitorHost(String host) {
            this.monitorHost = host;
            return this;
        }

        /** With tls-cert: HTTPS on the monitoring port (default); false = plain HTTP. */
        public Builder monitorTls(boolean tls) {
            this.monitorTls = tls;
            return this;
        }

        /** Whether the monitoring port may listen beyond loopback without auth-users. */
        public Builder monitorAllowUnauthenticated(boolean allow) {
            this.monitorAllowUnauthenticated = allow;
            return this;
        }

        /** The client port's certificate chain (PEM); TLS needs {@link #tlsKey} too. */
        public Builder tlsCert(Path file) {
            this.tlsCert = file;
            return this;
        }

        /** The private key (unencrypted PKCS#8 PEM) of {@link #tlsCert}. */
        public Builder tlsKey(Path file) {
            this.tlsKey = file;
            return this;
        }

        /** A CA bundle (PEM): clients must then present a certificate it signed (mutual TLS). */
        public Builder tlsClientCa(Path file) {
            this.tlsClientCa = file;
            return this;
        }

        /** TLSv1.2 (default) or TLSv1.3. */
        public Builder tlsMinVersion(String version) {
            this.tlsMinVersion = version;
            return this;
        }

        /** How often the TLS files are checked for changes; 0 = only on SIGHUP and {@code reloadTls()}. */
        public Builder tlsReloadCheckMs(long ms) {
            this.tlsReloadCheckMs = ms;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder aliases(List<String> aliases) {
            this.aliases = aliases == null ? List.of() : aliases;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder unixSocket(Path unixSocket) {
            this.unixSocket = unixSocket;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder ioSpinMicros(int ioSpinMicros) {
            this.ioSpinMicros = ioSpinMicros;
            return this;
        }

        public Builder ioSpinMaxCallsPerSecond(int ioSpinMaxCallsPerSecond) {
            this.ioSpinMaxCallsPerSecond = ioSpinMaxCallsPerSecond;
            return this;
        }

        public Builder acceptorThreads(int acceptorThreads) {
            this.acceptorThreads = acceptorThreads;
            return this;
        }

        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
            return this;
        }

        public Builder heartbeatMs(long heartbeatMs) {
            this.heartbeatMs = heartbeatMs;
            return this;
        }

        public Builder minHeartbeatMs(long minHeartbeatMs) {
            this.minHeartbeatMs = minHeartbeatMs;
            return this;
        }

        public Builder maxHeartbeatMs(long maxHeartbeatMs) {
            this.maxHeartbeatMs = maxHeartbeatMs;
            return this;
        }

        public Builder handshakeTimeoutMs(long ms) {
            this.handshakeTimeoutMs = ms;
            return this;
        }

        public Builder defaultTimeoutMs(long ms) {
            this.defaultTimeoutMs = ms;
            return this;
        }

        public Builder maxTimeoutMs(long ms) {
            this.maxTimeoutMs = ms;
            return this;
        }

        public Builder publisherMaxInflight(int max) {
            this.publisherMaxInflight = max;
            return this;
        }

        public Builder shutdownGraceMs(long ms) {
            this.shutdownGraceMs = ms;
            return this;
        }

        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        /** The users HELLO must authenticate as; null for none (no authentication). */
        public Builder authUsers(io.switchboard.server.auth.Users users) {
            this.authUsers = users;
            return this;
        }

        public Builder frontDoors(List<FrontDoorConfig> frontDoors) {
            this.frontDoors = frontDoors == null ? List.of() : frontDoors;
            return this;
        }

        public Builder store(StoreSettings store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder ticketExpiryMs(long ms) {
            this.ticketExpiryMs = ms;
            return this;
        }

        public Builder maxWaitingFetches(int n) {
            this.maxWaitingFetches = n;
            return this;
        }

        public Builder partialFrameTimeoutMs(long n) {
            this.partialFrameTimeoutMs = n;
            return this;
        }

        public Builder maxRegistryEntries(int n) {
            this.maxRegistryEntries = n;
            return this;
        }

        public Builder maxRegistrationsPerConnection(int n) {
            this.maxRegistrationsPerConnection = n;
            return this;
        }

        public Builder maxWatchesPerConnection(int n) {
            this.maxWatchesPerConnection = n;
            return this;
        }

        public Builder maxPreparedBranches(int n) {
            this.maxPreparedBranches = n;
            return this;
        }

        public Builder maxBranchesPerConnection(int n) {
            this.maxBranchesPerConnection = n;
            return this;
        }

        public Builder maxCallsPerBranch(int n) {
            this.maxCallsPerBranch = n;
            return this;
        }

        public Builder maxInflightCallsPerConnection(int n) {
            this.maxInflightCallsPerConnection = n;
            return this;
        }

        public Builder sessionPolicies(SessionPolicies policies) {
            this.sessionPolicies = Objects.requireNonNull(policies, "sessionPolicies");
            return this;
        }

        /** Offer deflate to clients that ask for it (the config's {@code compression: deflate}); off by default. */
        public Builder compression(boolean enabled) {
            this.compression = enabled;
            return this;
        }

        /** Payloads longer than this many bytes are compressed on connections that agreed on compression. */
        public Builder compressAbove(int bytes) {
            this.compressAbove = bytes;
            return this;
        }

        public Builder maxPendingBytesPerConnection(long value) {
            this.maxPendingBytesPerConnection = value;
            return this;
        }

        public Builder maxPartialFrameBytes(long value) {
            this.maxPartialFrameBytes = value;
            return this;
        }

        public Builder maxPendingBytes(long value) {
            this.maxPendingBytes = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            this.maxConnectionsPerAddress = value;
            return this;
        }

        public Builder reservedConnections(int value) {
            this.reservedConnections = value;
            return this;
        }

        public Builder maxSubscriptionsPerConnection(int value) {
            this.maxSubscriptionsPerConnection = value;
            return this;
        }

        public Builder maxPublicationsPerConnection(int value) {
            this.maxPublicationsPerConnection = value;
            return this;
        }

        /** Measure calls, the store and the JVM ({@code metrics}); false records nothing on the hot path. */
        public Builder metrics(boolean enabled) {
            this.metrics = enabled;
            return this;
        }

        /** Aliases with figures of their own ({@code metrics-max-aliases}); later ones count under {@code other}. */
        public Builder metricsMaxAliases(int value) {
            this.metricsMaxAliases = value;
            return this;
        }

        public ServerConfig build() {
            require(ticketExpiryMs >= 1, "ticket-expiry-ms must be 1 or more, was " + ticketExpiryMs);
            require(maxWaitingFetches >= 1, "max-waiting-fetches must be 1 or more, was " + maxWaitingFetches);
            require(
                    partialFrameTimeoutMs >= 1,
                    "partial-frame-timeout-ms must be 1 or more, was " + partialFrameTimeoutMs);
            require(
                    maxRegistrationsPerConnection >= 1,
                    "max-registrations-per-connection must be 1 or more, was " + maxRegistrationsPerConnection);
            require(maxRegistryEntries >= 1, "max-registry-entries must be 1 or more, was " + maxRegistryEntries);
            require(
                    maxWatchesPerConnection >= 1,
                    "max-watches-per-connection must be 1 or more, was " + maxWatchesPerConnection);
            require(
                    maxInflightCallsPerConnection >= 1,
                    "max-inflight-calls-per-connection must be 1 or more, was " + maxInflightCallsPerConnection);
            require(name != null && !name.isBlank(), "name must not be empty");
            require(host != null && !host.isBlank(), "host must not be empty");
            require(port >= 0 && port <= 65_535, "port must be 0..65535, was " + port);
            require(ioThreads >= 0, "io-threads must be 0 or more, was " + ioThreads);
            require(
                    ioSpinMicros >= 0 && ioSpinMicros <= MAX_IO_SPIN_MICROS,
                    "io-spin-micros must be 0.." + MAX_IO_SPIN_MICROS + ", was " + ioSpinMicros);
            require(
                    ioSpinMaxCallsPerSecond >= 0,
                    "io-spin-max-calls-per-second must be 0 or more, was " + ioSpinMaxCallsPerSecond);
            require(acceptorThreads >= 1, "acceptor-threads must be 1 or more, was " + acceptorThreads);
            require(maxFrameSize >= 1024, "max-frame-size must be at least 1024, was " + maxFrameSize);
            require(compressAbove >= 0, "compress-above must be 0 or more, was " + compressAbove);
            require(minHeartbeatMs >= 1, "min-heartbeat-ms must be 1 or more, was " + minHeartbeatMs);
            require(
                    minHeartbeatMs <= maxHeartbeatMs,
                    "min-heartbeat-ms (" + minHeartbeatMs + ") must not exceed max-heartbeat-ms (" + maxHeartbeatMs
                            + ")");
            require(
                    heartbeatMs >= minHeartbeatMs && heartbeatMs <= maxHeartbeatMs,
                    "heartbeat-ms (" + heartbeatMs + ") must lie within min-heartbeat-ms..max-heartbeat-ms");
            require(handshakeTimeoutMs >= 1, "handshake-timeout-ms must be 1 or more, was " + handshakeTimeoutMs);
            require(defaultTimeoutMs >= 1, "default-timeout-ms must be 1 or more, was " + defaultTimeoutMs);
            require(
                    maxTimeoutMs >= defaultTimeoutMs,
                    "default-timeout-ms (" + defaultTimeoutMs + ") must not exceed max-timeout-ms (" + maxTimeoutMs
                            + ")");
            require(maxTimeoutMs <= 0xFFFF_FFFFL, "max-timeout-ms must fit the wire's 32-bit field");
            require(publisherMaxInflight >= 1, "publisher-max-inflight must be 1 or more, was " + publisherMaxInflight);
            require(
                    maxPendingBytesPerConnection <= Integer.MAX_VALUE,
                    "max-pending-bytes-per-connection must be at most " + Integer.MAX_VALUE + ", was "
                            + maxPendingBytesPerConnection);
            require(
                    maxPendingBytesPerConnection >= 2L * maxFrameSize,
                    "max-pending-bytes-per-connection (" + maxPendingBytesPerConnection
                            + ") must be at least twice max-frame-size (" + maxFrameSize + ")");
            require(
                    maxPendingBytes == 0 || maxPendingBytes >= maxFrameSize,
                    "max-pending-bytes (" + maxPendingBytes + ") must be 0 (automatic) or at least max-frame-size ("
                            + maxFrameSize + ")");
            require(
                    maxPartialFrameBytes == 0 || maxPartialFrameBytes >= maxFrameSize,
                    "max-partial-frame-bytes (" + maxPartialFrameBytes + ") must be 0 (automatic) or at least "
                            + "max-frame-size (" + maxFrameSize + ")");
            require(maxConnections >= 1, "max-connections must be 1 or more, was " + maxConnections);
            require(
                    maxConnectionsPerAddress >= 1,
                    "max-connections-per-address must be 1 or more, was " + maxConnectionsPerAddress);
            require(reservedConnections >= 0, "reserved-connections must be 0 or more, was " + reservedConnections);
            require(
                    maxSubscriptionsPerConnection >= 1,
                    "max-subscriptions-per-connection must be 1 or more, was " + maxSubscriptionsPerConnection);
            require(
                    maxPublicationsPerConnection >= 1,
                    "max-publications-per-connection must be 1 or more, was " + maxPublicationsPerConnection);
            require(metricsMaxAliases >= 1, "metrics-max-aliases must be 1 or more, was " + metricsMaxAliases);
            require(shutdownGraceMs >= 0, "shutdown-grace-ms must be 0 or more, was " + shutdownGraceMs);
            for (String alias : aliases) {
                Objects.requireNonNull(alias, "aliases must not contain null");
            }
            require(tlsReloadCheckMs >= 0, "tls-reload-check-ms must be 0 or more, was " + tlsReloadCheckMs);
            tls = TlsSettings.of(tlsCert, tlsKey, tlsClientCa, tlsMinVersion, "");
            require(
                    monitorPort == null || monitorPort >= 0 && monitorPort <= 65_535,
                    "monitor-port must be 0..65535, was " + monitorPort);
            require(monitorHost != null && !monitorHost.isBlank(), "monitor-host must not be empty");
            require(
                    monitorPort == null || monitorPort == 0 || monitorPort != port,
                    "monitor-port " + monitorPort + " is the server's own port");
            monitor = new MonitorSettings(monitorPort, monitorHost, monitorTls, monitorAllowUnauthenticated);
            cluster = new ClusterSettings(
                    clusterName,
                    Discovery.parse(clusterDiscovery),
                    clusterPeers.stream().map(Peer::parse).toList(),
                    clusterHost,
                    clusterPort,
                    Optional.ofNullable(clusterStack),
                    clusterFailureDetectionMs,
                    clusterLinkPort != null ? clusterLinkPort : ClusterSettings.defaultLinkPort(clusterPort),
                    clusterMaxForwarded);
            clusterTls = ClusterTls.Mode.parse(clusterTlsText);
            checkFrontDoors();
            return new ServerConfig(this);
        }

        /** Each front door needs its own name and port (the server's port is taken); handler aliases may be shared. */
        private void checkFrontDoors() {
            Map<String, String> names = new HashMap<>();
            Map<Integer, String> ports = new HashMap<>();
            for (FrontDoorConfig door : frontDoors) {
                String clash = names.putIfAbsent(door.name(), door.name());
                require(clash == null, "front door '" + door.name() + "': name is used by another front door");
                if (door.port() != 0) {
                    require(
                            door.port() != port,
                            "front door '" + door.name() + "': port " + door.port() + " is the server's own port");
                    clash = ports.putIfAbsent(door.port(), door.name());
                    require(
                            clash == null,
                            "front door '" + door.name() + "': port " + door.port() + " is already used by front door '"
                                    + clash + "'");
                }
            }
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
