package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.tls.TlsSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration as {@code /varz} shows it: every option by its config-file key, secrets replaced by
 * {@code [redacted]} (when set), files by their path. Logging options are the launcher's, not the server's:
 * {@code null} here.
 */
final class ConfigReport {

    static final String REDACTED = "[redacted]";

    private ConfigReport() {}

    static ObjectNode of(ServerConfig c) {
        ObjectNode node = Json.object();
        for (ConfigOption option : ConfigOption.values()) {
            Object value = value(option, c);
            if (value == null) {
                node.putNull(option.key());
            } else if (value instanceof Number n) {
                node.put(option.key(), n.longValue());
            } else if (value instanceof Boolean b) {
                node.put(option.key(), b);
            } else {
                node.put(option.key(), value.toString());
            }
        }
        return node;
    }

    private static Object value(ConfigOption option, ServerConfig c) {
        Optional<TlsSettings> tls = c.tls();
        return switch (option) {
            case NAME -> c.name();
            case ALIASES -> String.join(",", c.aliases());
            case HOST -> c.host();
            case PORT -> c.port();
            case UNIX_SOCKET -> c.unixSocket().map(Path::toString).orElse(null);
            case IO_THREADS -> c.ioThreads();
            case IO_SPIN_MICROS -> c.ioSpinMicros();
            case IO_SPIN_MAX_CALLS_PER_SECOND -> c.ioSpinMaxCallsPerSecond();
            case ACCEPTOR_THREADS -> c.acceptorThreads();
            case MAX_FRAME_SIZE -> c.maxFrameSize();
            case COMPRESSION -> c.compression() ? "deflate" : "off";
            case COMPRESS_ABOVE -> c.compressAbove();
            case HEARTBEAT_MS -> c.heartbeatMs();
            case MIN_HEARTBEAT_MS -> c.minHeartbeatMs();
            case MAX_HEARTBEAT_MS -> c.maxHeartbeatMs();
            case HANDSHAKE_TIMEOUT_MS -> c.handshakeTimeoutMs();
            case DEFAULT_TIMEOUT_MS -> c.defaultTimeoutMs();
            case MAX_TIMEOUT_MS -> c.maxTimeoutMs();
            case PUBLISHER_MAX_INFLIGHT -> c.publisherMaxInflight();
            case SHUTDOWN_GRACE_MS -> c.shutdownGraceMs();
            case ADMIN_TOKEN -> c.adminToken().map(t -> REDACTED).orElse(null);
            case TLS_CERT -> tls.map(t -> t.certFile().toString()).orElse(null);
            case TLS_KEY -> tls.map(t -> t.keyFile().toString()).orElse(null);
            case TLS_CLIENT_CA ->
                tls.flatMap(TlsSettings::clientCaFile).map(Path::toString).orElse(null);
            case TLS_MIN_VERSION -> tls.map(TlsSettings::minVersion).orElse(TlsSettings.DEFAULT_MIN_VERSION);
            case TLS_RELOAD_CHECK_MS -> c.tlsReloadCheckMs();
            case AUTH_USERS -> c.authUsers().map(Object::toString).orElse(null);
            case FRONT_DOORS ->
                String.join(
                        " ",
                        c.frontDoors().stream().map(FrontDoorConfig::toString).toList());
            case DATA_DIR -> c.store().dataDir().map(Path::toString).orElse(null);
            case STORE_URL ->
                c.store().url().map(StorezEndpoint::withoutPassword).orElse("");
            case STORE_USER -> c.store().user().orElse(null);
            case STORE_PASSWORD -> c.store().password().map(p -> REDACTED).orElse(null);
            case TICKET_EXPIRY_MS -> c.ticketExpiryMs();
            case MAX_WAITING_FETCHES -> c.maxWaitingFetches();
            case PARTIAL_FRAME_TIMEOUT_MS -> c.partialFrameTimeoutMs();
            case MAX_REGISTRATIONS_PER_CONNECTION -> c.maxRegistrationsPerConnection();
            case MAX_REGISTRY_ENTRIES -> c.maxRegistryEntries();
            case MAX_WATCHES_PER_CONNECTION -> c.maxWatchesPerConnection();
            case MAX_PREPARED_BRANCHES -> c.maxPreparedBranches();
            case MAX_BRANCHES_PER_CONNECTION -> c.maxBranchesPerConnection();
            case MAX_CALLS_PER_BRANCH -> c.maxCallsPerBranch();
            case MAX_INFLIGHT_CALLS_PER_CONNECTION -> c.maxInflightCallsPerConnection();
            case MAX_PENDING_BYTES_PER_CONNECTION -> c.maxPendingBytesPerConnection();
            case MAX_PENDING_BYTES -> c.maxPendingBytes();
            case MAX_PARTIAL_FRAME_BYTES -> c.maxPartialFrameBytes();
            case MAX_CONNECTIONS -> c.maxConnections();
            case MAX_CONNECTIONS_PER_ADDRESS -> c.maxConnectionsPerAddress();
            case RESERVED_CONNECTIONS -> c.reservedConnections();
            case MAX_SUBSCRIPTIONS_PER_CONNECTION -> c.maxSubscriptionsPerConnection();
            case MAX_PUBLICATIONS_PER_CONNECTION -> c.maxPublicationsPerConnection();
            case SESSION_POLICIES -> c.sessionPolicies().toString();
            case MONITOR_PORT -> c.monitor().portOrNull();
            case MONITOR_HOST -> c.monitor().host();
            case MONITOR_TLS -> c.monitor().tls();
            case MONITOR_ALLOW_UNAUTHENTICATED -> c.monitor().allowUnauthenticated();
            case METRICS -> c.metrics();
            case METRICS_MAX_ALIASES -> c.metricsMaxAliases();
            case CLUSTER_NAME -> c.cluster().name();
            case CLUSTER_DISCOVERY -> c.cluster().discovery().wireName();
            case CLUSTER_PEERS ->
                String.join(
                        ",", c.cluster().peers().stream().map(Object::toString).toList());
            case CLUSTER_HOST -> c.cluster().host();
            case CLUSTER_PORT -> c.cluster().port();
            case CLUSTER_LINK_PORT -> c.cluster().linkPort();
            case CLUSTER_MAX_FORWARDED -> c.cluster().maxForwarded();
            case CLUSTER_STACK -> c.cluster().stack().map(Path::toString).orElse(null);
            case CLUSTER_FAILURE_DETECTION -> c.cluster().failureDetectionMs() + "ms";
            case CLUSTER_TLS -> c.clusterTls().wireName();
            // The launcher's own (logging is set up before the server exists): not part of ServerConfig.
            case LOG_LEVEL, LOG_FILE, LOG_FORMAT, LOG_SYSLOG_HOST, LOG_SYSLOG_FACILITY -> null;
            // No default: a new option must say here how it is reported (or the build fails).
        };
    }
}
