package io.switchboard.server.monitor;

import java.util.OptionalInt;

/**
 * The monitoring port's configuration.
 *
 * @param portOrNull           {@code monitor-port}: null = no monitoring port, 0 = a free port
 * @param host                 {@code monitor-host}, loopback by default
 * @param tls                  {@code monitor-tls}: HTTPS with the client port's certificate when it has one
 * @param allowUnauthenticated {@code monitor-allow-unauthenticated}: a non-loopback host without auth-users
 */
public record MonitorSettings(Integer portOrNull, String host, boolean tls, boolean allowUnauthenticated) {

    /** The port to bind, empty when the monitoring port is off. */
    public OptionalInt port() {
        return portOrNull == null ? OptionalInt.empty() : OptionalInt.of(portOrNull);
    }

    public boolean enabled() {
        return portOrNull != null;
    }

    @Override
    public String toString() {
        return portOrNull == null
                ? "off"
                : host + ":" + portOrNull + (tls ? "" : " (no TLS)") + (allowUnauthenticated ? " (open)" : "");
    }
}
