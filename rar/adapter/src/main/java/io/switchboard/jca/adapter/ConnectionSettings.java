package io.switchboard.jca.adapter;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.ClientResources;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.TlsOptions;
import io.switchboard.protocol.Codec;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The validated, immutable form of a connection definition's config properties. Every bad value becomes an
 * {@link InvalidPropertyException} naming the property, so a typo in the admin console fails loudly at
 * deployment instead of at the first call.
 */
final class ConnectionSettings {

    static final String DEFAULT_SERVER_URLS = "tcp://127.0.0.1:7420";
    static final String DEFAULT_CLIENT_NAME = "switchboard-rar";
    static final long DEFAULT_CALL_TIMEOUT_MILLIS = 30_000;
    static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    static final String DEFAULT_CODEC = "CBOR";
    /**
     * Seconds idle before validation pings. Not 0: IronJacamar turns validate-on-match on by itself for a validating
     * factory, and a ping on every borrow costs a round trip per call (measured in docs/benchmarks.md). A connection
     * known to be lost is invalid without a ping; the idle ones are the ones worth asking about.
     */
    static final int DEFAULT_PING_TIMEOUT = 10;

    static final long DEFAULT_VALIDATION_TIMEOUT_MILLIS = 2_000;

    /** Calls one transaction may hold until its commit: the server's own max-calls-per-branch default. */
    static final int DEFAULT_MAX_DEFERRED_CALLS = 1000;

    /**
     * Physical connections the managed connections of one identity share. Measured in docs/benchmarks.md ("Issue 18
     * step 4"): 64 concurrent EJB callers on two shared multiplexed connections against one each.
     */
    static final int DEFAULT_SHARED_CONNECTIONS = 2;

    /** Every physical connection tries serverUrls from the first: a primary and its backups. */
    static final String IN_ORDER = "in-order";
    /** Each new physical connection starts one URL further: the pool spreads over the nodes of a cluster. */
    static final String ROUND_ROBIN = "round-robin";

    private final List<String> serverUrls;
    private final String clientName;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final Codec codec;
    private final int pingTimeoutSeconds;
    private final Duration validationTimeout;
    private final boolean roundRobin;
    private final int maxDeferredCalls;
    private final int sharedConnections;
    private final Credentials defaultCredentials;
    /** Null: no tls* property set; tls:// URLs then use the client's defaults (JVM CAs, host name verified). */
    private final TlsOptions tls;

    /**
     * @param f the factory, for its own properties
     * @param shared its shared properties, each the factory's own if set, else the resource adapter's
     */
    private ConnectionSettings(PortableManagedConnectionFactory f, ConnectionProperties shared)
            throws InvalidPropertyException {
        PropertyValues.Complaint complaint = ConnectionSettings::invalid;
        this.serverUrls = PropertyValues.serverUrls(
                "serverUrls", orDefault(shared.getServerUrls(), DEFAULT_SERVER_URLS), complaint);
        this.clientName = PropertyValues.notBlank(
                "clientName", orDefault(shared.getClientName(), DEFAULT_CLIENT_NAME), complaint);
        this.callTimeout = PropertyValues.millis(
                "callTimeoutMillis", f.getCallTimeoutMillis(), DEFAULT_CALL_TIMEOUT_MILLIS, complaint);
        this.connectTimeout = PropertyValues.millis(
                "connectTimeoutMillis", shared.getConnectTimeoutMillis(), DEFAULT_CONNECT_TIMEOUT_MILLIS, complaint);
        this.codec = PropertyValues.codec("codec", orDefault(shared.getCodec(), DEFAULT_CODEC), complaint);
        this.pingTimeoutSeconds = f.getPingTimeout() == null ? DEFAULT_PING_TIMEOUT : f.getPingTimeout();
        this.validationTimeout = PropertyValues.millis(
                "validationTimeoutMillis",
                f.getValidationTimeoutMillis(),
                DEFAULT_VALIDATION_TIMEOUT_MILLIS,
                complaint);
        this.roundRobin = urlOrder(f.getServerUrlOrder());
        this.maxDeferredCalls = atLeastOne("maxDeferredCalls", f.getMaxDeferredCalls(), DEFAULT_MAX_DEFERRED_CALLS);
        this.sharedConnections = atLeastZero("sharedConnections", f.getSharedConnections(), DEFAULT_SHARED_CONNECTIONS);
        this.defaultCredentials = credentials(shared.getUserName(), shared.getPassword());
        this.tls = TlsProperties.options(shared, complaint);
    }

    private static boolean urlOrder(String value) throws InvalidPropertyException {
        String order = value == null ? IN_ORDER : value.trim();
        if (!order.equals(IN_ORDER) && !order.equals(ROUND_ROBIN)) {
            throw invalid("serverUrlOrder", "must be " + IN_ORDER + " or " + ROUND_ROBIN + ", was '" + value + "'");
        }
        return order.equals(ROUND_ROBIN);
    }

    private static int atLeastOne(String property, Integer value, int fallback) throws InvalidPropertyException {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw invalid(property, "must be at least 1, was " + value);
        }
        return value;
    }

    private static int atLeastZero(String property, Integer value, int fallback) throws InvalidPropertyException {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw invalid(property, "must be 0 (a physical connection per managed connection) or more, was " + value);
        }
        return value;
    }

    /** The shared properties of a new connection definition: the defaults ra.xml also declares. */
    static ConnectionProperties defaults() {
        ConnectionProperties defaults = new ConnectionProperties();
        defaults.setServerUrls(DEFAULT_SERVER_URLS);
        defaults.setClientName(DEFAULT_CLIENT_NAME);
        defaults.setCodec(DEFAULT_CODEC);
        defaults.setConnectTimeoutMillis(DEFAULT_CONNECT_TIMEOUT_MILLIS);
        return defaults;
    }

    /** Validates the factory's properties as they are now, its shared ones already resolved. */
    static ConnectionSettings of(PortableManagedConnectionFactory factory, ConnectionProperties shared)
            throws InvalidPropertyException {
        return new ConnectionSettings(factory, shared);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static InvalidPropertyException invalid(String property, String why) {
        return new InvalidPropertyException(
                "Switchboard connection definition: config property " + property + " " + why);
    }

    private static Credentials credentials(String userName, String password) throws InvalidPropertyException {
        boolean noUser = userName == null || userName.isEmpty();
        if (noUser && password != null && !password.isEmpty()) {
            throw invalid("password", "is set but userName is not");
        }
        return noUser ? Credentials.NONE : new Credentials(userName, password);
    }

    /**
     * The client options of one physical connection: no reconnect, the adapter's shared threads.
     *
     * @param number how many connections the factory opened before this one: with round-robin, where in
     *     serverUrls this one starts (the list rotated, so the others stay its fallbacks in their order)
     */
    ClientOptions clientOptions(
            ClientResources resources, Credentials credentials, ConnectionListener listener, long number) {
        return ClientOptions.builder()
                .urls(urlsFor(number))
                .clientName(clientName)
                .codec(codec)
                .callTimeout(callTimeout)
                .connectTimeout(connectTimeout)
                .credentials(credentials.asHelloCredentials())
                .tls(tls)
                .reconnect(false)
                .connectionListener(listener)
                .resources(resources)
                .build();
    }

    List<String> serverUrls() {
        return serverUrls;
    }

    /** The URLs connection {@code number} tries, in order. */
    List<String> urlsFor(long number) {
        if (!roundRobin || serverUrls.size() < 2) {
            return serverUrls;
        }
        int start = (int) Math.floorMod(number, (long) serverUrls.size());
        List<String> rotated = new java.util.ArrayList<>(serverUrls.subList(start, serverUrls.size()));
        rotated.addAll(serverUrls.subList(0, start));
        return rotated;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    /** 0: ping on every validation; below 0: never ping; above 0: ping when idle longer than that many seconds. */
    int pingTimeoutSeconds() {
        return pingTimeoutSeconds;
    }

    /** The deadline of a validation ping. */
    Duration validationTimeout() {
        return validationTimeout;
    }

    /** At most this many calls one transaction holds until it commits. */
    int maxDeferredCalls() {
        return maxDeferredCalls;
    }

    /** 0: a physical connection per managed connection; n: the managed connections of one identity share n. */
    int sharedConnections() {
        return sharedConnections;
    }

    /** The userName/password configured on the connection definition, used when a request brings none. */
    Credentials defaultCredentials() {
        return defaultCredentials;
    }

    String codecName() {
        return codec.wireName().toUpperCase(Locale.ROOT);
    }
}
