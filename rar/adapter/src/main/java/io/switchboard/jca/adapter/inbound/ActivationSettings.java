package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.ClientResources;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.TlsOptions;
import io.switchboard.jca.adapter.ConnectionProperties;
import io.switchboard.jca.adapter.PropertyValues;
import io.switchboard.jca.adapter.TlsProperties;
import io.switchboard.protocol.Codec;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable form of one activation's properties. Bad values fail the deployment with an
 * {@link InvalidPropertyException} naming the property and the alias.
 */
final class ActivationSettings {

    static final int DEFAULT_MAX_CONCURRENCY = 8;
    /** More is not a concurrency any work manager serves; the server caps in-flight lower anyway. */
    static final int MAX_MAX_CONCURRENCY = 10_000;

    static final long DEFAULT_RECONNECT_INITIAL_MILLIS = 500;
    static final long DEFAULT_RECONNECT_MAX_MILLIS = 30_000;
    static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 5_000;
    static final long DEFAULT_DRAIN_TIMEOUT_MILLIS = 10_000;
    static final String DEFAULT_CODEC = "CBOR";
    static final int DEFAULT_MAX_REDELIVERIES = 1;
    /** Each redelivery runs the bean again on the same call's deadline: more than this is a loop, not a retry. */
    static final int MAX_MAX_REDELIVERIES = 100;

    private final String alias;
    private final Set<String> methods;
    private final Set<String> idempotentMethods;
    /** Null: the server decides (its session-policies config, else fail). */
    private final SessionPolicy policy;

    private final int maxConcurrency;
    private final int maxRedeliveries;
    private final List<String> serverUrls;
    private final String clientName;
    private final Codec codec;
    private final Duration reconnectInitial;
    private final Duration reconnectMax;
    private final Duration connectTimeout;
    private final Duration drainTimeout;
    /** Null when the activation logs in as nobody. */
    private final String userName;

    private final String password;
    /** Null when no tls* property is set. */
    private final TlsOptions tls;

    /** @param shared the spec's shared properties, each its own if set, else the resource adapter's */
    private ActivationSettings(SwitchboardActivationSpec spec, ConnectionProperties shared)
            throws InvalidPropertyException {
        PropertyValues.Complaint complaint = (property, why) -> new InvalidPropertyException(
                "Switchboard activation" + (spec.getAlias() == null ? "" : " of '" + spec.getAlias() + "'")
                        + ": activation property " + property + " " + why);
        alias = name("alias", PropertyValues.notBlank("alias", spec.getAlias(), complaint), complaint);
        methods = PropertyValues.names(spec.getMethods());
        for (String method : methods) {
            name("methods", method, complaint);
        }
        idempotentMethods = PropertyValues.names(spec.getIdempotentMethods());
        if (!methods.isEmpty() && !methods.containsAll(idempotentMethods)) {
            throw complaint.about(
                    "idempotentMethods", idempotentMethods + " names methods that are not among " + methods);
        }
        policy = spec.getPolicy() == null || spec.getPolicy().isBlank() ? null : policy(spec.getPolicy(), complaint);
        int concurrency = spec.getMaxConcurrency() == null ? DEFAULT_MAX_CONCURRENCY : spec.getMaxConcurrency();
        if (concurrency < 1 || concurrency > MAX_MAX_CONCURRENCY) {
            throw complaint.about(
                    "maxConcurrency", "must be between 1 and " + MAX_MAX_CONCURRENCY + ", not " + concurrency);
        }
        maxConcurrency = concurrency;
        int redeliveries = spec.getMaxRedeliveries() == null ? DEFAULT_MAX_REDELIVERIES : spec.getMaxRedeliveries();
        if (redeliveries < 0 || redeliveries > MAX_MAX_REDELIVERIES) {
            throw complaint.about(
                    "maxRedeliveries", "must be between 0 and " + MAX_MAX_REDELIVERIES + ", not " + redeliveries);
        }
        maxRedeliveries = redeliveries;
        String urls = shared.getServerUrls();
        serverUrls = urls == null ? null : PropertyValues.serverUrls("serverUrls", urls, complaint);
        clientName = shared.getClientName() == null
                ? "switchboard-mdb-" + alias
                : PropertyValues.notBlank("clientName", shared.getClientName(), complaint);
        codec = PropertyValues.codec("codec", shared.getCodec() == null ? DEFAULT_CODEC : shared.getCodec(), complaint);
        reconnectInitial = PropertyValues.millis(
                "reconnectInitialMillis",
                spec.getReconnectInitialMillis(),
                DEFAULT_RECONNECT_INITIAL_MILLIS,
                complaint);
        reconnectMax = PropertyValues.millis(
                "reconnectMaxMillis",
                spec.getReconnectMaxMillis(),
                Math.max(DEFAULT_RECONNECT_MAX_MILLIS, reconnectInitial.toMillis()),
                complaint);
        if (reconnectMax.compareTo(reconnectInitial) < 0) {
            throw complaint.about(
                    "reconnectMaxMillis",
                    "(" + reconnectMax.toMillis() + ") must not be below" + " reconnectInitialMillis ("
                            + reconnectInitial.toMillis() + ")");
        }
        connectTimeout = PropertyValues.millis(
                "connectTimeoutMillis", shared.getConnectTimeoutMillis(), DEFAULT_CONNECT_TIMEOUT_MILLIS, complaint);
        drainTimeout = PropertyValues.millis(
                "drainTimeoutMillis", spec.getDrainTimeoutMillis(), DEFAULT_DRAIN_TIMEOUT_MILLIS, complaint);
        boolean noUser = shared.getUserName() == null || shared.getUserName().isBlank();
        if (noUser && shared.getPassword() != null && !shared.getPassword().isEmpty()) {
            throw complaint.about("password", "is set but userName is not");
        }
        userName = noUser ? null : shared.getUserName().trim();
        password = noUser ? null : shared.getPassword();
        tls = TlsProperties.options(shared, complaint);
    }

    private static String name(String property, String value, PropertyValues.Complaint complaint)
            throws InvalidPropertyException {
        try {
            return PublishOptions.checkName(value, property);
        } catch (IllegalArgumentException e) {
            throw complaint.about(property, "is invalid: " + e.getMessage());
        }
    }

    /** Checks the properties on their own (the server URLs only when the spec sets them). */
    static void validate(SwitchboardActivationSpec spec) throws InvalidPropertyException {
        new ActivationSettings(spec, spec.connectionProperties());
    }

    /**
     * The settings of an activation: each shared property the spec's own if set, else the resource adapter's
     * ({@code adapter}), else the default.
     */
    static ActivationSettings of(SwitchboardActivationSpec spec, ConnectionProperties adapter)
            throws InvalidPropertyException {
        ActivationSettings settings =
                new ActivationSettings(spec, spec.connectionProperties().orElse(adapter));
        if (settings.serverUrls == null) {
            throw new InvalidPropertyException("Switchboard activation of '" + settings.alias + "': no serverUrls,"
                    + " neither in the activation nor on the resource adapter");
        }
        return settings;
    }

    /**
     * One connection of the activation: no reconnect of its own (the activation's state machine reconnects and
     * re-publishes), the connect timeout also bounding PUBLISH and RESCIND.
     */
    ClientOptions clientOptions(ClientResources resources, ConnectionListener listener) {
        return clientOptions(resources, listener, null);
    }

    /**
     * As {@link #clientOptions(ClientResources, ConnectionListener)}, the URLs tried from the one after
     * {@code lost} on, round-robin, so that an activation whose server was lost moves on to the next rather than
     * back to the first; in the configured order when {@code lost} is null or not one of them (a registry URL's
     * endpoint).
     */
    ClientOptions clientOptions(ClientResources resources, ConnectionListener listener, ServerUrl lost) {
        return ClientOptions.builder()
                .urls(startingAfter(serverUrls, lost))
                .clientName(clientName)
                .codec(codec)
                .callTimeout(connectTimeout)
                .connectTimeout(connectTimeout)
                .credentials(helloCredentials())
                .tls(tls)
                .reconnect(false)
                .connectionListener(listener)
                .resources(resources)
                .build();
    }

    static List<String> startingAfter(List<String> urls, ServerUrl lost) {
        int at = lost == null ? -1 : urls.indexOf(lost.toString());
        if (at < 0) {
            return urls;
        }
        List<String> rotated = new ArrayList<>(urls.subList(at + 1, urls.size()));
        rotated.addAll(urls.subList(0, at + 1));
        return rotated;
    }

    private Map<String, String> helloCredentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        if (userName != null) {
            credentials.put("user", userName);
            if (password != null) {
                credentials.put("password", password);
            }
        }
        return credentials;
    }

    /** The user the activation logs in as; null for none. */
    String userName() {
        return userName;
    }

    /** What the activation publishes: the dispatch's methods, the in-flight cap. */
    PublishOptions publishOptions(SessionDispatch dispatch) {
        PublishOptions.Builder options = PublishOptions.builder(alias)
                .methods(dispatch.methods())
                .idempotent(dispatch.idempotentMethods())
                .maxInflight(maxConcurrency);
        if (policy != null) {
            options.policy(policy);
        }
        return options.build();
    }

    private static SessionPolicy policy(String value, PropertyValues.Complaint complaint)
            throws InvalidPropertyException {
        for (SessionPolicy candidate : SessionPolicy.values()) {
            if (candidate.wireName().equalsIgnoreCase(value.trim())) {
                return candidate;
            }
        }
        throw complaint.about("policy", "must be fail, hold or reroute, not '" + value + "'");
    }

    String alias() {
        return alias;
    }

    /** As the activation property gave them; empty when not set. */
    Set<String> methods() {
        return methods;
    }

    Set<String> idempotentMethods() {
        return idempotentMethods;
    }

    int maxConcurrency() {
        return maxConcurrency;
    }

    /** As the activation property gave it (default 1), whatever the policy. */
    int maxRedeliveries() {
        return maxRedeliveries;
    }

    /**
     * How many more times a call whose transaction rolled back is delivered: {@code maxRedeliveries} when the
     * activation's policy is {@code hold}, else none (the adapter does not know a policy only the server sets).
     */
    int redeliveries() {
        return policy == SessionPolicy.HOLD ? maxRedeliveries : 0;
    }

    List<String> serverUrls() {
        return serverUrls;
    }

    Duration reconnectInitial() {
        return reconnectInitial;
    }

    Duration reconnectMax() {
        return reconnectMax;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration drainTimeout() {
        return drainTimeout;
    }
}
