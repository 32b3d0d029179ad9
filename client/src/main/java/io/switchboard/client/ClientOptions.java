package io.switchboard.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.CallMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Immutable settings of a {@link SwitchboardClient}. Every setting has a default except the URL.
 *
 * <p>Payload mapping: by default payloads are mapped with a plain Jackson mapper of the negotiated codec
 * ({@code JsonMapper}, {@code CBORMapper} or {@code SmileMapper}, defaults only). Two ways to change that:
 * <ul>
 *   <li>{@link Builder#mapperCustomizer mapperCustomizer} (recommended): applied to the mapper builder of every
 *       codec, e.g. {@code b -> b.addModule(new JavaTimeModule())}, so whichever codec the server picks maps
 *       payloads the same way;</li>
 *   <li>{@link Builder#objectMapper objectMapper}: a ready mapper, used for the codec whose format it has
 *       (a {@code CBORMapper} for CBOR, ...). If the server negotiates another codec, that codec's mapper comes
 *       from the customizer or the defaults instead. Best paired with the matching {@link Builder#codec}.</li>
 * </ul>
 */
public final class ClientOptions {

    /** The default of {@link Builder#maxListBytes}: 64 MiB. */
    public static final long DEFAULT_MAX_LIST_BYTES = 64L << 20;

    private final List<ServerUrl> urls;
    private final String clientName;
    private final Codec codec;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final Duration reconnectInitialBackoff;
    private final Duration reconnectMaxBackoff;
    private final Duration heartbeat;
    private final ObjectMapper objectMapper;
    private final Consumer<MapperBuilder<?, ?>> mapperCustomizer;
    private final String token;
    private final int maxFrameSize;
    private final int compressAbove;
    private final Map<String, String> credentials;
    private final boolean reconnect;
    private final ConnectionListener connectionListener;
    private final ClientResources resources;
    private final TlsOptions tls;
    private final long maxListBytes;

    private ClientOptions(Builder b) {
        this.tls = b.tls;
        if (b.urls.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is needed");
        }
        if (b.urls.size() > ServerUrl.MAX_URLS) {
            throw new IllegalArgumentException(
                    b.urls.size() + " server URLs given; at most " + ServerUrl.MAX_URLS + " are allowed");
        }
        for (int i = 1; i < b.urls.size(); i++) {
            int earlier = b.urls.subList(0, i).indexOf(b.urls.get(i));
            if (earlier >= 0) {
                throw new IllegalArgumentException("server URL " + (i + 1) + ", '" + b.urls.get(i) + "', repeats URL "
                        + (earlier + 1) + "; give each server once");
            }
        }
        this.urls = List.copyOf(b.urls);
        this.clientName = Objects.requireNonNull(b.clientName, "clientName");
        try {
            // Publishers get the name as the caller of every call, in a one-byte-length field; the server
            // refuses a HELLO whose name does not fit.
            CallMeta.caller(clientName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clientName: " + e.getMessage(), e);
        }
        this.codec = Objects.requireNonNull(b.codec, "codec");
        this.callTimeout = positive(b.callTimeout, "callTimeout");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.reconnectInitialBackoff = positive(b.reconnectInitialBackoff, "reconnectInitialBackoff");
        this.reconnectMaxBackoff = positive(b.reconnectMaxBackoff, "reconnectMaxBackoff");
        if (reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff " + reconnectMaxBackoff
                    + " is shorter than reconnectInitialBackoff " + reconnectInitialBackoff);
        }
        this.heartbeat = positive(b.heartbeat, "heartbeat");
        if (callTimeout.toMillis() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("callTimeout " + callTimeout + " is too long for the protocol");
        }
        this.objectMapper = b.objectMapper;
        this.mapperCustomizer = b.mapperCustomizer;
        this.token = b.token;
        if (b.maxFrameSize < 64) {
            throw new IllegalArgumentException("maxFrameSize must be at least 64 bytes, not " + b.maxFrameSize);
        }
        this.maxFrameSize = b.maxFrameSize;
        if (b.compressAbove < -1) {
            throw new IllegalArgumentException(
                    "compressAbove must be 0 or more bytes (or -1 for no compression), not " + b.compressAbove);
        }
        this.compressAbove = b.compressAbove;
        this.credentials = Map.copyOf(b.credentials);
        this.reconnect = b.reconnect;
        this.connectionListener = b.connectionListener;
        this.resources = b.resources;
        if (b.maxListBytes < 1024) {
            throw new IllegalArgumentException("maxListBytes must be at least 1024 bytes, not " + b.maxListBytes);
        }
        this.maxListBytes = b.maxListBytes;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, not " + d);
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The servers, in the order given. The first connect tries them in this order, each attempt bounded by
     * {@link #attemptTimeout()}; once connected, a lost connection moves on to the next URL after the one it was
     * connected to, round-robin, with the reconnect backoff after each full round that failed.
     */
    public List<ServerUrl> urls() {
        return urls;
    }

    /** The name given in HELLO; publishers see it as the caller of this client's calls. */
    public String clientName() {
        return clientName;
    }

    /** The codec offered first; JSON is always offered as the fallback. */
    public Codec codec() {
        return codec;
    }

    /** Deadline of calls and requests that do not give their own. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** How long {@link SwitchboardClient#connect} tries before giving up; also bounds each connection attempt. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The bound of one connection attempt (the TCP or unix connect, TLS and the HELLO/WELCOME handshake; for a
     * registry URL, its RESOLVE too): {@link #connectTimeout()} divided by the number of URLs, so that
     * {@link SwitchboardClient#connect} can try every URL once within the connect timeout even when the first
     * server swallows packets rather than refusing. With one URL it is the connect timeout.
     */
    public Duration attemptTimeout() {
        return Duration.ofMillis(Math.max(1, connectTimeout.toMillis() / urls.size()));
    }

    public Duration reconnectInitialBackoff() {
        return reconnectInitialBackoff;
    }

    public Duration reconnectMaxBackoff() {
        return reconnectMaxBackoff;
    }

    /** Heartbeat interval asked for in HELLO; the server may clamp it (WELCOME's value is used). */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** The mapper whose configuration maps payloads; null for plain defaults. */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** Applied to each codec's mapper builder; null for none. */
    public Consumer<MapperBuilder<?, ?>> mapperCustomizer() {
        return mapperCustomizer;
    }

    /** The token sent as credentials; null for none. */
    public String token() {
        return token;
    }

    /** Largest frame accepted from the server. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Whether HELLO offers payload compression (deflate); off by default. */
    public boolean compression() {
        return compressAbove >= 0;
    }

    /**
     * With compression: payloads longer than this many bytes are compressed, by this client when it sends and, as
     * HELLO asks, by the server when it sends to this client; -1 without compression.
     */
    public int compressAbove() {
        return compressAbove;
    }

    /** Credentials sent in HELLO, including {@code token} when {@link #token()} is set. */
    public Map<String, String> credentials() {
        if (token == null) {
            return credentials;
        }
        Map<String, String> all = new LinkedHashMap<>(credentials);
        all.put("token", token);
        return Map.copyOf(all);
    }

    /** Whether the client reconnects after losing its connection (default true). */
    public boolean reconnect() {
        return reconnect;
    }

    /** Told about connects, losses and shutdown notices; null if none. */
    public ConnectionListener connectionListener() {
        return connectionListener;
    }

    /** Shared threads; null when the client has its own. */
    public ClientResources resources() {
        return resources;
    }

    /** TLS for {@code tls://} URLs; null when set by nobody ({@link TlsOptions#defaults()} then applies). */
    public TlsOptions tls() {
        return tls;
    }

    /**
     * The most a connection holds of list answers still arriving in pages (LISTING, ENTRIES: see
     * {@link Builder#maxListBytes}); default 64 MiB.
     */
    public long maxListBytes() {
        return maxListBytes;
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private final List<ServerUrl> urls = new ArrayList<>();
        private String clientName = "switchboard-java";
        private Codec codec = Codec.CBOR;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration reconnectInitialBackoff = Duration.ofMillis(100);
        private Duration reconnectMaxBackoff = Duration.ofSeconds(5);
        private Duration heartbeat = Duration.ofSeconds(10);
        private ObjectMapper objectMapper;
        private Consumer<MapperBuilder<?, ?>> mapperCustomizer;
        private String token;
        private int maxFrameSize = Protocol.DEFAULT_MAX_FRAME_SIZE;
        private int compressAbove = -1;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private boolean reconnect = true;
        private ConnectionListener connectionListener;
        private ClientResources resources;
        private TlsOptions tls;
        private long maxListBytes = DEFAULT_MAX_LIST_BYTES;

        private Builder() {}

        /**
         * The most one connection holds of list answers (LISTING for {@code list()}, ENTRIES for {@code resolve},
         * {@code watch} and watch notifications) whose pages are still arriving, over all such answers at once,
         * counted as the characters of the items' strings plus 16 bytes per item and per string (close to their
         * JSON size). A server that sends more fails that one request with {@link ListTooLargeException} (a watch
         * notification over the limit is logged and skipped); the pages held for it are dropped and the connection
         * and every other request go on. Default 64 MiB: far above what a server's own limits let it send (its
         * registry holds at most 100,000 entries by default, a few MiB as a list), yet small enough that a broken
         * or hostile server cannot take the client's heap. At least 1024.
         */
        public Builder maxListBytes(long bytes) {
            this.maxListBytes = bytes;
            return this;
        }

        /**
         * How {@code tls://} URLs are secured: trusted CAs, a client certificate, host name verification. Without
         * it, {@code tls://} trusts the JVM's CAs and verifies the host name. Files that cannot be read as
         * certificates or keys make {@link SwitchboardClient#connect} fail naming the file.
         */
        public Builder tls(TlsOptions options) {
            this.tls = options;
            return this;
        }

        /**
         * Adds a server URL ({@code tcp://host:port}, {@code tls://host:port}, {@code unix:///path}, or
         * {@code registry://host:port/name} to connect by name through that registry), or a comma-separated list
         * of them ({@code tcp://a:7420,tcp://b:7420}, see {@link ServerUrl#parseList}); later ones are failovers.
         *
         * @throws IllegalArgumentException naming the element that is empty, malformed or repeated
         */
        public Builder url(String url) {
            if (url != null && url.indexOf(',') >= 0) {
                urls.addAll(ServerUrl.parseList(url));
            } else {
                urls.add(ServerUrl.parse(url));
            }
            return this;
        }

        /** Replaces the URLs with these (each a URL or a comma-separated list), tried in order. */
        public Builder urls(List<String> list) {
            urls.clear();
            Objects.requireNonNull(list, "urls").forEach(this::url);
            return this;
        }

        /**
         * The name this client gives in HELLO: shown in server logs, and what publishers see as the caller of its
         * calls ({@link IncomingCall#caller()}). At most 255 UTF-8 bytes; default {@code switchboard-java}.
         */
        public Builder clientName(String name) {
            this.clientName = name;
            return this;
        }

        public Builder codec(Codec preferred) {
            this.codec = preferred;
            return this;
        }

        /**
         * The codec offered first, by name: {@code json}, {@code cbor}, {@code smile}, or a plug-in's such as
         * {@code xml} (with {@code switchboard-codec-xml} on the class path).
         *
         * @throws IllegalArgumentException when no codec of that name is installed
         */
        public Builder codec(String preferred) {
            this.codec = Codec.valueOf(preferred);
            return this;
        }

        /**
         * Offers payload compression (deflate) in HELLO; used when the server agrees. Payloads longer than
         * {@code thresholdBytes} are then compressed both ways. Off by default.
         */
        public Builder compressAbove(int thresholdBytes) {
            this.compressAbove = thresholdBytes;
            return this;
        }

        /** Compression on, at 1024 bytes (as the server's default), or off. */
        public Builder compression(boolean enabled) {
            this.compressAbove = enabled ? 1024 : -1;
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder reconnectInitialBackoff(Duration backoff) {
            this.reconnectInitialBackoff = backoff;
            return this;
        }

        public Builder reconnectMaxBackoff(Duration backoff) {
            this.reconnectMaxBackoff = backoff;
            return this;
        }

        public Builder heartbeat(Duration interval) {
            this.heartbeat = interval;
            return this;
        }

        /** A ready payload mapper for the codec of its format (see the class comment). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = mapper;
            return this;
        }

        /** Configures the payload mapper of every codec (see the class comment). */
        public Builder mapperCustomizer(Consumer<MapperBuilder<?, ?>> customizer) {
            this.mapperCustomizer = customizer;
            return this;
        }

        /**
         * Log in as {@code name} with {@code password} ({@code credentials.user} and {@code .password} in HELLO), for
         * a server with {@code auth-users}. A server that refuses them fails the connect with
         * {@link UnauthorizedException}, which is not retried.
         */
        public Builder user(String name, String password) {
            credentials.put("user", Objects.requireNonNull(name, "user name"));
            credentials.put("password", Objects.requireNonNull(password, "password"));
            return this;
        }

        /** A token presented as {@code credentials.token} in HELLO (a token user's, or the server's admin token). */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        /** Extra entries of HELLO's credentials slot (e.g. {@code user}, {@code password}); null values are skipped. */
        public Builder credentials(Map<String, String> entries) {
            Objects.requireNonNull(entries, "credentials").forEach((k, v) -> {
                if (v != null) {
                    credentials.put(Objects.requireNonNull(k, "credential name"), v);
                }
            });
            return this;
        }

        /**
         * Whether to reconnect after the connection is lost (default true). Without it the client is one physical
         * connection, as a pooled connection must be: {@link SwitchboardClient#connect connect} tries each URL once,
         * and after a loss every request fails at once with {@link NotConnectedException}.
         */
        public Builder reconnect(boolean enabled) {
            this.reconnect = enabled;
            return this;
        }

        /** Told about connects, losses and shutdown notices, on the I/O thread. */
        public Builder connectionListener(ConnectionListener listener) {
            this.connectionListener = listener;
            return this;
        }

        /** Run on shared threads instead of the client's own; the client never stops them. */
        public Builder resources(ClientResources shared) {
            this.resources = shared;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(this);
        }
    }
}
