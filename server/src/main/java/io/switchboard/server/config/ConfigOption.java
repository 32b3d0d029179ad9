package io.switchboard.server.config;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting the launcher accepts, with its one name in three spellings: {@code max-frame-size} in the
 * config file, {@code SWITCHBOARD_MAX_FRAME_SIZE} in the environment, {@code --max-frame-size} on the command
 * line. The single source of truth for the loader, the --help text and docs/operations.md.
 */
public enum ConfigOption {
    NAME("name", Kind.TEXT, 0, "switchboard", "NAME", "Server name sent to clients in WELCOME."),
    ALIASES("aliases", Kind.LIST, 0, "", "A,B", "Other names the server answers to (comma-separated)."),
    HOST("host", Kind.TEXT, 0, "127.0.0.1", "HOST", "TCP address to listen on (0.0.0.0 for all interfaces)."),
    PORT("port", Kind.NUMBER, 0, "7420", "PORT", "TCP port; 0 picks a free port."),
    UNIX_SOCKET("unix-socket", Kind.PATH, 0, null, "PATH", "Also listen on this unix domain socket."),
    IO_THREADS("io-threads", Kind.NUMBER, 0, "0", "N", "I/O event loop threads; 0 = half the CPU cores, at least 1."),
    IO_SPIN_MICROS(
            "io-spin-micros",
            Kind.NUMBER,
            0,
            "0",
            "MICROS",
            "How long an idle I/O thread keeps polling before it sleeps (at most 1000); 0 = off. Lower latency for "
                    + "CPU: see docs/operations.md."),
    IO_SPIN_MAX_CALLS_PER_SECOND(
            "io-spin-max-calls-per-second",
            Kind.NUMBER,
            0,
            "50000",
            "N",
            "With io-spin-micros on: the I/O threads stop polling while the server routes more calls per second than "
                    + "this; 0 = poll at any rate."),
    ACCEPTOR_THREADS("acceptor-threads", Kind.NUMBER, 1, "1", "N", "Threads accepting new connections."),
    MAX_FRAME_SIZE(
            "max-frame-size", Kind.NUMBER, 1024, "1048576", "BYTES", "Largest frame or text line accepted, in bytes."),
    COMPRESSION(
            "compression",
            Kind.TEXT,
            0,
            "off",
            "off|deflate",
            "Compress large payloads (deflate) on connections whose HELLO offers it; off by default."),
    COMPRESS_ABOVE(
            "compress-above",
            Kind.NUMBER,
            0,
            "1024",
            "BYTES",
            "With compression: payloads longer than this are compressed (a client's HELLO may ask for another)."),
    HEARTBEAT_MS("heartbeat-ms", Kind.NUMBER, 1, "10000", "MS", "Heartbeat interval for clients that ask for none."),
    MIN_HEARTBEAT_MS("min-heartbeat-ms", Kind.NUMBER, 1, "100", "MS", "Smallest heartbeat a client may ask for."),
    MAX_HEARTBEAT_MS("max-heartbeat-ms", Kind.NUMBER, 1, "300000", "MS", "Largest heartbeat a client may ask for."),
    HANDSHAKE_TIMEOUT_MS(
            "handshake-timeout-ms", Kind.NUMBER, 1, "10000", "MS", "Time a new connection has to complete HELLO."),
    DEFAULT_TIMEOUT_MS(
            "default-timeout-ms", Kind.NUMBER, 1, "30000", "MS", "Deadline of a call that asks for none (timeout 0)."),
    MAX_TIMEOUT_MS("max-timeout-ms", Kind.NUMBER, 1, "300000", "MS", "Longest deadline; longer ones are cut."),
    PUBLISHER_MAX_INFLIGHT(
            "publisher-max-inflight", Kind.NUMBER, 1, "1024", "N", "Default and largest in-flight cap per publisher."),
    SHUTDOWN_GRACE_MS(
            "shutdown-grace-ms", Kind.NUMBER, 0, "10000", "MS", "How long shutdown waits for outstanding calls."),
    ADMIN_TOKEN(
            "admin-token",
            Kind.TEXT,
            0,
            null,
            "TOKEN",
            "Deprecated (use auth-users with admin: true): a token a client presents in HELLO credentials to be "
                    + "admin (send SHUTDOWN); unset = nobody may."),
    TLS_CERT(
            "tls-cert",
            Kind.PATH,
            0,
            null,
            "FILE",
            "PEM certificate chain (server certificate first): the client port speaks TLS only. Needs tls-key."),
    TLS_KEY("tls-key", Kind.PATH, 0, null, "FILE", "PEM private key (unencrypted PKCS#8) of tls-cert."),
    TLS_CLIENT_CA(
            "tls-client-ca",
            Kind.PATH,
            0,
            null,
            "FILE",
            "PEM CA bundle; when set, clients must present a certificate it signed (mutual TLS)."),
    TLS_MIN_VERSION(
            "tls-min-version", Kind.TEXT, 0, "TLSv1.2", "VERSION", "Oldest TLS version accepted: TLSv1.2 or TLSv1.3."),
    TLS_RELOAD_CHECK_MS(
            "tls-reload-check-ms",
            Kind.NUMBER,
            0,
            "2000",
            "MS",
            "How often the TLS files (client port and front doors) are checked for changes and reloaded; 0 = only "
                    + "on SIGHUP."),
    AUTH_USERS(
            "auth-users",
            Kind.USERS,
            0,
            null,
            "FILE",
            "YAML file of users (bcrypt passwords or SHA-256 tokens) and their permissions; set = every HELLO must "
                    + "authenticate (see docs/security.md). Unset = no authentication."),
    FRONT_DOORS(
            "front-doors",
            Kind.FRONT_DOORS,
            0,
            null,
            "URL",
            "A front door for end users, e.g. 'tcp://0.0.0.0:7430?alias=echo' (repeatable; in the environment "
                    + "several separated by spaces; see docs/front-door.md)."),
    DATA_DIR(
            "data-dir",
            Kind.PATH,
            0,
            "data",
            "DIR",
            "Directory of the SQLite store file switchboard.db (relative to the working directory; created if "
                    + "missing). Unused with a store-url."),
    STORE_URL(
            "store-url",
            Kind.TEXT,
            0,
            "",
            "URL",
            "JDBC URL of a PostgreSQL store (jdbc:postgresql://host:5432/db); empty = SQLite in data-dir."),
    STORE_USER("store-user", Kind.TEXT, 0, null, "USER", "PostgreSQL user of the store."),
    STORE_PASSWORD(
            "store-password",
            Kind.TEXT,
            0,
            null,
            "PASSWORD",
            "PostgreSQL password of the store (better in the environment than on the command line)."),
    TICKET_EXPIRY_MS(
            "ticket-expiry-ms",
            Kind.NUMBER,
            1,
            "3600000",
            "MS",
            "How long the outcome of an async call is kept for FETCH after the call ended."),
    MAX_WAITING_FETCHES(
            "max-waiting-fetches",
            Kind.NUMBER,
            1,
            "1024",
            "N",
            "Most FETCHes one connection may have waiting for a call to end; more are answered busy at once."),
    PARTIAL_FRAME_TIMEOUT_MS(
            "partial-frame-timeout-ms",
            Kind.NUMBER,
            1,
            "30000",
            "MS",
            "How long an incomplete frame or line may be held after the handshake before the connection is closed."),
    MAX_REGISTRATIONS_PER_CONNECTION(
            "max-registrations-per-connection",
            Kind.NUMBER,
            1,
            "1024",
            "N",
            "The most registry entries one connection may have registered (connection-bound and TTL); more are refused busy."),
    MAX_REGISTRY_ENTRIES(
            "max-registry-entries",
            Kind.NUMBER,
            1,
            "100000",
            "N",
            "The most registry entries the server holds in all (TTL entries outlive their connection); a REGISTER of a "
                    + "new entry beyond it is refused busy."),
    MAX_WATCHES_PER_CONNECTION(
            "max-watches-per-connection",
            Kind.NUMBER,
            1,
            "1024",
            "N",
            "The most names one connection may WATCH at once; more are refused busy."),
    MAX_CALLS_PER_BRANCH(
            "max-calls-per-branch",
            Kind.NUMBER,
            1,
            "1000",
            "N",
            "The most calls one XA branch holds; a call beyond it is refused busy (docs/transactions.md)."),
    MAX_BRANCHES_PER_CONNECTION(
            "max-branches-per-connection",
            Kind.NUMBER,
            1,
            "64",
            "N",
            "The most unprepared XA branches one connection may have open; a call opening one more is refused busy."),
    MAX_PREPARED_BRANCHES(
            "max-prepared-branches",
            Kind.NUMBER,
            1,
            "10000",
            "N",
            "The most prepared XA branches the server keeps; a prepare beyond it rolls the branch back (xa-rolled-back)."),
    MAX_INFLIGHT_CALLS_PER_CONNECTION(
            "max-inflight-calls-per-connection",
            Kind.NUMBER,
            1,
            "8192",
            "N",
            "The most calls one connection may have in flight as a caller; more are answered busy."),
    MAX_PENDING_BYTES_PER_CONNECTION(
            "max-pending-bytes-per-connection",
            Kind.NUMBER,
            2048,
            "67108864",
            "BYTES",
            "Most bytes written to one connection and not yet read by its peer; past it the peer is closed as a slow "
                    + "consumer (ERROR slow-consumer). At least twice max-frame-size."),
    MAX_PENDING_BYTES(
            "max-pending-bytes",
            Kind.NUMBER,
            0,
            "0",
            "BYTES",
            "Most bytes written and not yet read by their peers over all connections; past it the connection with "
                    + "the most waiting is closed as a slow consumer (ERROR slow-consumer). 0 = half of the JVM's "
                    + "direct memory limit."),
    MAX_PARTIAL_FRAME_BYTES(
            "max-partial-frame-bytes",
            Kind.NUMBER,
            0,
            "0",
            "BYTES",
            "Most buffer bytes incomplete frames may hold over all connections; past it the connection whose "
                    + "incomplete frame waited longest is closed (ERROR overloaded). 0 = a quarter of the JVM's "
                    + "direct memory limit."),
    MAX_CONNECTIONS(
            "max-connections",
            Kind.NUMBER,
            1,
            "10000",
            "N",
            "Most connections at once; more are refused (ERROR too-many-connections), except admins within "
                    + "reserved-connections."),
    MAX_CONNECTIONS_PER_ADDRESS(
            "max-connections-per-address",
            Kind.NUMBER,
            1,
            "1000",
            "N",
            "Most connections at once from one remote IP address; more are refused (ERROR too-many-connections)."),
    RESERVED_CONNECTIONS(
            "reserved-connections",
            Kind.NUMBER,
            0,
            "16",
            "N",
            "Connections beyond max-connections kept for admins: only a HELLO that authenticates as an admin gets in."),
    MAX_SUBSCRIPTIONS_PER_CONNECTION(
            "max-subscriptions-per-connection",
            Kind.NUMBER,
            1,
            "1024",
            "N",
            "Most aliases one connection may be subscribed to at once; more SUBSCRIBEs get ERROR bad-request."),
    MAX_PUBLICATIONS_PER_CONNECTION(
            "max-publications-per-connection",
            Kind.NUMBER,
            1,
            "1024",
            "N",
            "Most aliases one connection may publish at once; more PUBLISHes get ERROR bad-request."),
    SESSION_POLICIES(
            "session-policies",
            Kind.SESSION_POLICIES,
            0,
            "",
            "A=P,B=P",
            "Policy of sessions whose PUBLISH names none: alias=fail|hold|reroute, comma-separated; '*' for every "
                    + "other alias (in the config file also a mapping alias: policy). Unnamed aliases: fail."),
    METRICS(
            "metrics",
            Kind.BOOLEAN,
            0,
            "true",
            "true|false",
            "Measure calls, the store and the JVM for the monitoring port's /metrics (docs/monitoring.md); false "
                    + "measures nothing."),
    METRICS_MAX_ALIASES(
            "metrics-max-aliases",
            Kind.NUMBER,
            1,
            "100",
            "N",
            "The most aliases with call figures of their own; calls of later aliases are counted under alias "
                    + "'other' (bounds the metrics' label values)."),
    MONITOR_PORT(
            "monitor-port",
            Kind.NUMBER,
            0,
            null,
            "PORT",
            "HTTP monitoring port (JSON endpoints, health checks, admin POSTs; docs/monitoring.md); unset = off, "
                    + "0 picks a free port."),
    MONITOR_HOST(
            "monitor-host",
            Kind.TEXT,
            0,
            "127.0.0.1",
            "HOST",
            "Address of the monitoring port. Without auth-users only a loopback address, unless "
                    + "monitor-allow-unauthenticated is true."),
    MONITOR_TLS(
            "monitor-tls",
            Kind.BOOLEAN,
            0,
            "true",
            "true|false",
            "With tls-cert set: the monitoring port speaks HTTPS with the client port's certificate (and mutual TLS "
                    + "with tls-client-ca); false = plain HTTP."),
    MONITOR_ALLOW_UNAUTHENTICATED(
            "monitor-allow-unauthenticated",
            Kind.BOOLEAN,
            0,
            "false",
            "true|false",
            "true lets the monitoring port listen on a non-loopback monitor-host without auth-users: anyone who "
                    + "reaches it may read the server's state and shut it down."),
    CLUSTER_NAME(
            "cluster-name",
            Kind.TEXT,
            0,
            null,
            "NAME",
            "Join the cluster of this name (docs/cluster.md); unset = no cluster. Needs the PostgreSQL store."),
    CLUSTER_DISCOVERY(
            "cluster-discovery",
            Kind.TEXT,
            0,
            "jdbc",
            "jdbc|static",
            "How members find each other: jdbc = JGroups JDBC_PING2 in the store's PostgreSQL; static = TCPPING "
                    + "with cluster-peers."),
    CLUSTER_PEERS(
            "cluster-peers",
            Kind.LIST,
            0,
            "",
            "HOST:PORT,...",
            "The members' cluster addresses for cluster-discovery static (this node's own may be listed too)."),
    CLUSTER_HOST(
            "cluster-host",
            Kind.TEXT,
            0,
            "127.0.0.1",
            "HOST",
            "Address the node binds for cluster traffic and announces to the others; loopback unless configured."),
    CLUSTER_PORT(
            "cluster-port",
            Kind.NUMBER,
            0,
            "7800",
            "PORT",
            "TCP port for cluster traffic; 0 picks a free port (jdbc discovery only)."),
    CLUSTER_LINK_PORT(
            "cluster-link-port",
            Kind.NUMBER,
            0,
            null,
            "PORT",
            "TCP port of the link that carries forwarded calls between nodes, on cluster-host; unset = cluster-port "
                    + "+ 1 (a free port when cluster-port is 0); 0 picks a free port."),
    CLUSTER_MAX_FORWARDED(
            "cluster-max-forwarded",
            Kind.NUMBER,
            1,
            "4096",
            "N",
            "Most calls in flight from this node to one other node; past it the node is skipped, or the call "
                    + "answered busy."),
    CLUSTER_STACK(
            "cluster-stack",
            Kind.PATH,
            0,
            null,
            "FILE",
            "An operator's own JGroups stack XML (e.g. DNS_PING); unset = the shipped conf/jgroups-jdbc.xml or "
                    + "conf/jgroups-static.xml."),
    CLUSTER_FAILURE_DETECTION(
            "cluster-failure-detection",
            Kind.DURATION,
            500,
            "3s",
            "DURATION",
            "How long a silent member stays in the view before it is removed (FD_ALL3 + VERIFY_SUSPECT2; a closed "
                    + "socket is seen at once): e.g. 3s, 1500ms; at least 500ms."),
    CLUSTER_TLS(
            "cluster-tls",
            Kind.TEXT,
            0,
            "auto",
            "auto|off",
            "auto: cluster traffic is mutual TLS with tls-cert/tls-key whenever they are set, trusting tls-client-ca "
                    + "(or tls-cert's own certificates); off: plain cluster traffic."),
    LOG_LEVEL("log-level", Kind.LOG_LEVEL, 0, "INFO", "LEVEL", "TRACE, DEBUG, INFO, WARN or ERROR."),
    LOG_FILE("log-file", Kind.PATH, 0, null, "FILE", "Write the log to this file instead of the console."),
    LOG_FORMAT(
            "log-format",
            Kind.TEXT,
            0,
            "text",
            "text|json",
            "Log lines as text or as JSON objects (timestamp, level, logger, thread, id, message, exception)."),
    LOG_SYSLOG_HOST(
            "log-syslog-host",
            Kind.TEXT,
            0,
            null,
            "HOST[:PORT]",
            "Also send every log line to this syslog server over UDP (RFC 3164; port 514 unless given)."),
    LOG_SYSLOG_FACILITY(
            "log-syslog-facility",
            Kind.TEXT,
            0,
            "USER",
            "FACILITY",
            "Syslog facility of those lines: KERN, USER, MAIL, DAEMON, AUTH, SYSLOG, LPR, NEWS, UUCP, CRON, "
                    + "AUTHPRIV, FTP, NTP, AUDIT, ALERT, CLOCK or LOCAL0..LOCAL7.");

    /** How a raw value is read. */
    enum Kind {
        TEXT,
        LIST,
        NUMBER,
        PATH,
        LOG_LEVEL,
        FRONT_DOORS,
        SESSION_POLICIES,
        USERS,
        BOOLEAN,
        /** A duration: {@code 1500ms}, {@code 3s}, {@code 1m}, or a bare number of milliseconds; parsed to ms. */
        DURATION
    }

    private final String key;
    private final Kind kind;
    private final long min;
    private final String defaultValue;
    private final String label;
    private final String description;

    ConfigOption(String key, Kind kind, long min, String defaultValue, String label, String description) {
        this.key = key;
        this.kind = kind;
        this.min = min;
        this.defaultValue = defaultValue;
        this.label = label;
        this.description = description;
    }

    /** The name in the config file. */
    public String key() {
        return key;
    }

    public String envVar() {
        return "SWITCHBOARD_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The command-line flag; {@code --front-door} is singular because it is given once per front door. */
    public String flag() {
        return this == FRONT_DOORS ? "--front-door" : "--" + key;
    }

    /** Whether the flag may be given several times (its values reach the loader joined by newlines). */
    public boolean repeatable() {
        return kind == Kind.FRONT_DOORS;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    Kind kind() {
        return kind;
    }

    long min() {
        return min;
    }

    static Optional<ConfigOption> forKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }

    /**
     * Puts a parsed value into the builder; logging options are not server settings, and the store options are
     * combined into one {@link io.switchboard.server.store.StoreSettings} by the loader.
     */
    void apply(ServerConfig.Builder builder, Object value) {
        switch (this) {
            case NAME -> builder.name((String) value);
            case ALIASES -> builder.aliases(castList(value));
            case HOST -> builder.host((String) value);
            case PORT -> builder.port(toInt(value));
            case UNIX_SOCKET -> builder.unixSocket((Path) value);
            case IO_THREADS -> builder.ioThreads(toInt(value));
            case IO_SPIN_MICROS -> builder.ioSpinMicros(toInt(value));
            case IO_SPIN_MAX_CALLS_PER_SECOND -> builder.ioSpinMaxCallsPerSecond(toInt(value));
            case ACCEPTOR_THREADS -> builder.acceptorThreads(toInt(value));
            case MAX_FRAME_SIZE -> builder.maxFrameSize(toInt(value));
            case COMPRESSION -> builder.compression(compression((String) value));
            case COMPRESS_ABOVE -> builder.compressAbove(toInt(value));
            case HEARTBEAT_MS -> builder.heartbeatMs((Long) value);
            case MIN_HEARTBEAT_MS -> builder.minHeartbeatMs((Long) value);
            case MAX_HEARTBEAT_MS -> builder.maxHeartbeatMs((Long) value);
            case HANDSHAKE_TIMEOUT_MS -> builder.handshakeTimeoutMs((Long) value);
            case DEFAULT_TIMEOUT_MS -> builder.defaultTimeoutMs((Long) value);
            case MAX_TIMEOUT_MS -> builder.maxTimeoutMs((Long) value);
            case PUBLISHER_MAX_INFLIGHT -> builder.publisherMaxInflight(toInt(value));
            case SHUTDOWN_GRACE_MS -> builder.shutdownGraceMs((Long) value);
            case ADMIN_TOKEN -> builder.adminToken((String) value);
            case TLS_CERT -> builder.tlsCert((Path) value);
            case TLS_KEY -> builder.tlsKey((Path) value);
            case TLS_CLIENT_CA -> builder.tlsClientCa((Path) value);
            case TLS_MIN_VERSION -> builder.tlsMinVersion((String) value);
            case TLS_RELOAD_CHECK_MS -> builder.tlsReloadCheckMs((Long) value);
            case AUTH_USERS -> builder.authUsers((io.switchboard.server.auth.Users) value);
            case FRONT_DOORS -> builder.frontDoors(castFrontDoors(value));
            case TICKET_EXPIRY_MS -> builder.ticketExpiryMs((Long) value);
            case MAX_WAITING_FETCHES -> builder.maxWaitingFetches(toInt(value));
            case PARTIAL_FRAME_TIMEOUT_MS -> builder.partialFrameTimeoutMs((Long) value);
            case MAX_REGISTRATIONS_PER_CONNECTION -> builder.maxRegistrationsPerConnection(toInt(value));
            case MAX_REGISTRY_ENTRIES -> builder.maxRegistryEntries(toInt(value));
            case MAX_WATCHES_PER_CONNECTION -> builder.maxWatchesPerConnection(toInt(value));
            case MAX_PREPARED_BRANCHES -> builder.maxPreparedBranches(toInt(value));
            case MAX_BRANCHES_PER_CONNECTION -> builder.maxBranchesPerConnection(toInt(value));
            case MAX_CALLS_PER_BRANCH -> builder.maxCallsPerBranch(toInt(value));
            case MAX_INFLIGHT_CALLS_PER_CONNECTION -> builder.maxInflightCallsPerConnection(toInt(value));
            case MAX_PENDING_BYTES_PER_CONNECTION -> builder.maxPendingBytesPerConnection((Long) value);
            case MAX_PENDING_BYTES -> builder.maxPendingBytes((Long) value);
            case MAX_PARTIAL_FRAME_BYTES -> builder.maxPartialFrameBytes((Long) value);
            case MAX_CONNECTIONS -> builder.maxConnections(toInt(value));
            case MAX_CONNECTIONS_PER_ADDRESS -> builder.maxConnectionsPerAddress(toInt(value));
            case RESERVED_CONNECTIONS -> builder.reservedConnections(toInt(value));
            case MAX_SUBSCRIPTIONS_PER_CONNECTION -> builder.maxSubscriptionsPerConnection(toInt(value));
            case MAX_PUBLICATIONS_PER_CONNECTION -> builder.maxPublicationsPerConnection(toInt(value));
            case SESSION_POLICIES -> builder.sessionPolicies((io.switchboard.server.held.SessionPolicies) value);
            case MONITOR_PORT -> builder.monitorPort(toInt(value));
            case MONITOR_HOST -> builder.monitorHost((String) value);
            case MONITOR_TLS -> builder.monitorTls((Boolean) value);
            case MONITOR_ALLOW_UNAUTHENTICATED -> builder.monitorAllowUnauthenticated((Boolean) value);
            case METRICS -> builder.metrics((Boolean) value);
            case METRICS_MAX_ALIASES -> builder.metricsMaxAliases(toInt(value));
            case CLUSTER_NAME -> builder.clusterName(((String) value).isEmpty() ? null : (String) value);
            case CLUSTER_DISCOVERY -> builder.clusterDiscovery((String) value);
            case CLUSTER_PEERS -> builder.clusterPeers(castList(value));
            case CLUSTER_HOST -> builder.clusterHost((String) value);
            case CLUSTER_PORT -> builder.clusterPort(toInt(value));
            case CLUSTER_LINK_PORT -> builder.clusterLinkPort(toInt(value));
            case CLUSTER_MAX_FORWARDED -> builder.clusterMaxForwarded(toInt(value));
            case CLUSTER_STACK -> builder.clusterStack((Path) value);
            case CLUSTER_FAILURE_DETECTION -> builder.clusterFailureDetectionMs((Long) value);
            case CLUSTER_TLS -> builder.clusterTls((String) value);
            case LOG_LEVEL,
                    LOG_FILE,
                    LOG_FORMAT,
                    LOG_SYSLOG_HOST,
                    LOG_SYSLOG_FACILITY,
                    DATA_DIR,
                    STORE_URL,
                    STORE_USER,
                    STORE_PASSWORD -> {}
        }
    }

    private static boolean compression(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "off" -> false;
            case "deflate" -> true;
            default -> throw new ConfigException("compression must be off or deflate, not '" + value + "'");
        };
    }

    private static int toInt(Object value) {
        return Math.toIntExact((Long) value);
    }

    @SuppressWarnings("unchecked")
    private static List<FrontDoorConfig> castFrontDoors(Object value) {
        return (List<FrontDoorConfig>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}
