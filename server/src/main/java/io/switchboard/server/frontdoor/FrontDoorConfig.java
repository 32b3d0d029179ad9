package io.switchboard.server.frontdoor;

import io.switchboard.server.tls.TlsSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One front door's settings (see docs/front-door.md, "Configuration"). Build with {@link #builder}; {@link
 * Builder#build()} checks the values and throws {@link IllegalArgumentException} naming the option.
 */
public record FrontDoorConfig(
        String name,
        FrontDoorProtocol protocol,
        String host,
        int port,
        String path,
        String alias,
        int maxLines,
        int maxMessageBytes,
        int maxInputRate,
        long bufferBytes,
        long bufferTotalBytes,
        long bufferAgeMs,
        OverflowPolicy overflow,
        String overflowNotice,
        Optional<String> outageNotice,
        Optional<String> resumeNotice,
        long eventTimeoutMs,
        Optional<TlsSettings> tls,
        LineGuards guards) {

    public static final String DEFAULT_OVERFLOW_NOTICE =
            "the service is unavailable and did not keep your message; please send it again later";

    /**
     * The limits on the users' side of a front door, against silent, half-open and flooding clients (see
     * docs/front-door.md, "Limits and close reasons").
     *
     * @param maxLinesPerAddress     connections open at once from one IP address; 0 = no limit
     * @param maxInputRatePerAddress inputs and new connections per second from one IP address, over all its lines
     *                               and reconnects (token bucket, burst 2 x rate); 0 = no limit
     * @param handshakeTimeoutMs     websocket: the upgrade must be done this long after the connection opened
     * @param pingIntervalMs         websocket: a line silent this long is pinged, and closed when still silent as
     *                               long again; 0 = off
     * @param idleTimeoutMs          tcp: a line silent this long is closed; 0 = off
     */
    public record LineGuards(
            int maxLinesPerAddress,
            int maxInputRatePerAddress,
            long handshakeTimeoutMs,
            long pingIntervalMs,
            long idleTimeoutMs) {

        public static final LineGuards DEFAULTS = new LineGuards(100, 200, 10_000, 30_000, 0);
    }

    public static Builder builder(FrontDoorProtocol protocol, int port, String alias) {
        return new Builder(protocol, port, alias);
    }

    @Override
    public String toString() {
        return name + "=" + protocol.wireName() + (tls.isPresent() ? "+tls" : "") + "://" + host + ":" + port
                + (protocol == FrontDoorProtocol.WEBSOCKET ? path : "") + "->" + alias;
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private String name;
        private final FrontDoorProtocol protocol;
        private String host = "127.0.0.1";
        private final int port;
        private String path = "/";
        private final String alias;
        private int maxLines = 100_000;
        private int maxMessageBytes = 65_536;
        private int maxInputRate = 50;
        private long bufferBytes = 65_536;
        private long bufferTotalBytes = 64L << 20;
        private long bufferAgeMs = 300_000;
        private OverflowPolicy overflow = OverflowPolicy.DROP;
        private String overflowNotice = DEFAULT_OVERFLOW_NOTICE;
        private String outageNotice;
        private String resumeNotice;
        private long eventTimeoutMs = 30_000;
        private int maxLinesPerAddress = LineGuards.DEFAULTS.maxLinesPerAddress();
        private int maxInputRatePerAddress = LineGuards.DEFAULTS.maxInputRatePerAddress();
        private long handshakeTimeoutMs = LineGuards.DEFAULTS.handshakeTimeoutMs();
        private long pingIntervalMs = LineGuards.DEFAULTS.pingIntervalMs();
        private long idleTimeoutMs = LineGuards.DEFAULTS.idleTimeoutMs();
        private Path tlsCert;
        private Path tlsKey;
        private Path tlsClientCa;
        private String tlsMinVersion;

        private Builder(FrontDoorProtocol protocol, int port, String alias) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            this.port = port;
            this.alias = alias;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder maxLines(int maxLines) {
            this.maxLines = maxLines;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder maxInputRate(int perSecond) {
            this.maxInputRate = perSecond;
            return this;
        }

        public Builder bufferBytes(long bytes) {
            this.bufferBytes = bytes;
            return this;
        }

        public Builder bufferTotalBytes(long bytes) {
            this.bufferTotalBytes = bytes;
            return this;
        }

        public Builder bufferAgeMs(long ms) {
            this.bufferAgeMs = ms;
            return this;
        }

        public Builder overflow(OverflowPolicy overflow) {
            this.overflow = overflow;
            return this;
        }

        public Builder overflowNotice(String notice) {
            this.overflowNotice = notice;
            return this;
        }

        public Builder outageNotice(String notice) {
            this.outageNotice = notice;
            return this;
        }

        public Builder resumeNotice(String notice) {
            this.resumeNotice = notice;
            return this;
        }

        public Builder eventTimeoutMs(long ms) {
            this.eventTimeoutMs = ms;
            return this;
        }

        /** 0 = no limit. */
        public Builder maxLinesPerAddress(int lines) {
            this.maxLinesPerAddress = lines;
            return this;
        }

        /** 0 = no limit. */
        public Builder maxInputRatePerAddress(int perSecond) {
            this.maxInputRatePerAddress = perSecond;
            return this;
        }

        public Builder handshakeTimeoutMs(long ms) {
            this.handshakeTimeoutMs = ms;
            return this;
        }

        /** 0 = no pings. */
        public Builder pingIntervalMs(long ms) {
            this.pingIntervalMs = ms;
            return this;
        }

        /** 0 = no idle timeout. */
        public Builder idleTimeoutMs(long ms) {
            this.idleTimeoutMs = ms;
            return this;
        }

        /** TLS (wss:// for a websocket front door): the certificate chain, PEM; needs {@link #tlsKey}. */
        public Builder tlsCert(Path file) {
            this.tlsCert = file;
            return this;
        }

        public Builder tlsKey(Path file) {
            this.tlsKey = file;
            return this;
        }

        /** Users must present a certificate this CA bundle signed (mutual TLS). */
        public Builder tlsClientCa(Path file) {
            this.tlsClientCa = file;
            return this;
        }

        public Builder tlsMinVersion(String version) {
            this.tlsMinVersion = version;
            return this;
        }

        public FrontDoorConfig build() {
            require(alias != null && !alias.isBlank(), "alias", "is required");
            require(!alias.startsWith("$"), "alias", "must not start with '$' (reserved for the server)");
            String effectiveName = name == null || name.isBlank() ? alias : name;
            require(host != null && !host.isBlank(), "host", "must not be empty");
            require(port >= 0 && port <= 65_535, "port", "must be 0..65535, was " + port);
            require(path != null && path.startsWith("/"), "path", "must start with '/'");
            require(maxLines >= 1, "max-lines", "must be 1 or more");
            require(maxMessageBytes >= 1, "max-message-bytes", "must be 1 or more");
            require(maxInputRate >= 0, "max-input-rate", "must be 0 or more");
            require(bufferBytes >= 0, "buffer-bytes", "must be 0 or more");
            require(bufferTotalBytes >= 0, "buffer-total-bytes", "must be 0 or more");
            require(bufferAgeMs >= 1, "buffer-age", "must be 1ms or more");
            require(eventTimeoutMs >= 1, "event-timeout", "must be 1ms or more");
            require(overflow != null, "overflow", "must be drop or close");
            require(overflowNotice != null, "overflow-notice", "must not be null");
            require(maxLinesPerAddress >= 0, "max-lines-per-address", "must be 0 or more");
            require(maxInputRatePerAddress >= 0, "max-input-rate-per-address", "must be 0 or more");
            require(handshakeTimeoutMs >= 1, "handshake-timeout", "must be 1ms or more");
            require(pingIntervalMs >= 0, "ping-interval", "must be 0 (off) or more");
            require(idleTimeoutMs >= 0, "idle-timeout", "must be 0 (off) or more");
            Optional<TlsSettings> tls =
                    TlsSettings.of(tlsCert, tlsKey, tlsClientCa, tlsMinVersion, "front door '" + effectiveName + "': ");
            return new FrontDoorConfig(
                    effectiveName,
                    protocol,
                    host,
                    port,
                    path,
                    alias,
                    maxLines,
                    maxMessageBytes,
                    maxInputRate,
                    bufferBytes,
                    bufferTotalBytes,
                    bufferAgeMs,
                    overflow,
                    overflowNotice,
                    Optional.ofNullable(outageNotice),
                    Optional.ofNullable(resumeNotice),
                    eventTimeoutMs,
                    tls,
                    new LineGuards(
                            maxLinesPerAddress,
                            maxInputRatePerAddress,
                            handshakeTimeoutMs,
                            pingIntervalMs,
                            idleTimeoutMs));
        }

        private void require(boolean ok, String option, String why) {
            if (!ok) {
                String who = name != null && !name.isBlank() ? name : alias;
                throw new IllegalArgumentException("front door '" + who + "': " + option + " " + why);
            }
        }
    }
}
