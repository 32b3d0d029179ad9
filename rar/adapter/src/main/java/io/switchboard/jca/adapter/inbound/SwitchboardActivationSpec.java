package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.adapter.ConnectionProperties;
import io.switchboard.jca.adapter.SwitchboardResourceAdapter;
import io.switchboard.jca.api.frontdoor.LineListener;
import io.switchboard.jca.api.inbound.CallMethods;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.Objects;

/**
 * The activation properties of one message-driven bean ({@code @ActivationConfigProperty}), for both listener
 * types. A JavaBean the container fills in; {@link #validate()} checks every value, and the activation reads them
 * once, as {@link ActivationSettings}. Equal when configured alike.
 *
 * <p>The container learns the listener types and the activation properties from the annotations here, not from
 * ra.xml (which would repeat all of them once per listener type): {@code @ConfigProperty} on each setter, no
 * default value (an unset property is {@code null} and resolved by {@link ActivationSettings}).
 */
@Activation(messageListeners = {SessionListener.class, CallMethods.class, LineListener.class})
public class SwitchboardActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private String alias;
    private String methods;
    private String idempotentMethods;
    private String policy;
    private Integer maxConcurrency;
    private Integer maxRedeliveries;
    /** The properties shared with the resource adapter; unset ones come from the adapter, else the defaults. */
    private final ConnectionProperties connection = new ConnectionProperties();

    private Long reconnectInitialMillis;
    private Long reconnectMaxMillis;
    private Long drainTimeoutMillis;
    private transient ResourceAdapter resourceAdapter;

    /** The session to publish (required). */
    public String getAlias() {
        return alias;
    }

    @ConfigProperty(
            description =
                    "The session the message-driven bean publishes (required); for a LineListener bean, the handler alias of the front door.")
    public void setAlias(String alias) {
        this.alias = alias;
    }

    /** Comma-separated session methods; required for a SessionListener, derived from {@code @CallMethod}s otherwise. */
    public String getMethods() {
        return methods;
    }

    @ConfigProperty(
            description =
                    "The session's methods, comma-separated. Required for a SessionListener bean; a CallMethods bean takes them from its @CallMethod methods; not set for a LineListener bean (its methods are the front door's events).")
    public void setMethods(String methods) {
        this.methods = methods;
    }

    /** Comma-separated methods that may run twice (re-routed when a publisher is lost mid-call). */
    public String getIdempotentMethods() {
        return idempotentMethods;
    }

    @ConfigProperty(
            description =
                    "Methods that may safely run twice, comma-separated: the server re-routes their calls to another publisher of the alias when this one is lost mid-call. Not set for a LineListener bean (the server itself redelivers the events a lost instance held).")
    public void setIdempotentMethods(String idempotentMethods) {
        this.idempotentMethods = idempotentMethods;
    }

    /**
     * What the server does with calls while the session has no publisher: {@code fail}, {@code hold} or
     * {@code reroute}; default: the server's {@code session-policies}, else {@code fail}.
     */
    public String getPolicy() {
        return policy;
    }

    @ConfigProperty(
            description =
                    "What the server does with calls while no bean publishes the session: fail (no-such-session at once), hold (calls wait, kept durably by the server, until the bean is back or their deadline passes) or reroute (idempotent calls lost with a node go to another). Default: the server's session-policies, else fail.")
    public void setPolicy(String policy) {
        this.policy = policy;
    }

    /** Most deliveries in progress at once; the server's in-flight cap for this publisher (default 8). */
    public Integer getMaxConcurrency() {
        return maxConcurrency;
    }

    @ConfigProperty(
            description =
                    "Most calls in progress at once for this bean (default 8). The server knows the cap and answers busy beyond it. Keep it at or below the MDB pool's size and the work manager's thread count.")
    public void setMaxConcurrency(Integer maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * With policy {@code hold}: how many times a call whose transacted delivery rolled back is delivered again
     * before it ends {@code handler-error} (default 1).
     */
    public Integer getMaxRedeliveries() {
        return maxRedeliveries;
    }

    @ConfigProperty(
            description =
                    "With policy hold: how many times a call is delivered again after the bean's transaction rolled back, before it ends handler-error (default 1, 0 to 100). Other policies never redeliver.")
    public void setMaxRedeliveries(Integer maxRedeliveries) {
        this.maxRedeliveries = maxRedeliveries;
    }

    /** Comma-separated server URLs tried in order; default: the resource adapter's {@code serverUrls}. */
    public String getServerUrls() {
        return connection.getServerUrls();
    }

    @ConfigProperty(
            description =
                    "The Switchboard server(s), comma-separated, tried in order; default: the resource adapter's serverUrls.")
    public void setServerUrls(String serverUrls) {
        connection.setServerUrls(serverUrls);
    }

    /** The client name in the handshake (default {@code switchboard-mdb-<alias>}). */
    public String getClientName() {
        return connection.getClientName();
    }

    @ConfigProperty(
            description =
                    "The client name announced in the handshake (default switchboard-mdb-ALIAS); callers see it in the server's logs.")
    public void setClientName(String clientName) {
        connection.setClientName(clientName);
    }

    /** JSON, CBOR (default) or SMILE. */
    public String getCodec() {
        return connection.getCodec();
    }

    @ConfigProperty(description = "The payload codec offered to the server: CBOR (default), SMILE or JSON.")
    public void setCodec(String codec) {
        connection.setCodec(codec);
    }

    /** The first reconnect delay (default 500 ms); it doubles per failed attempt, with jitter. */
    public Long getReconnectInitialMillis() {
        return reconnectInitialMillis;
    }

    @ConfigProperty(
            description =
                    "First delay before reconnecting after the connection is lost or an attempt failed (default 500); it doubles per failed attempt, with jitter.")
    public void setReconnectInitialMillis(Long reconnectInitialMillis) {
        this.reconnectInitialMillis = reconnectInitialMillis;
    }

    /** The longest reconnect delay (default 30 s). */
    public Long getReconnectMaxMillis() {
        return reconnectMaxMillis;
    }

    @ConfigProperty(description = "Longest delay between reconnect attempts (default 30000).")
    public void setReconnectMaxMillis(Long reconnectMaxMillis) {
        this.reconnectMaxMillis = reconnectMaxMillis;
    }

    /** One connection attempt's deadline, also the deadline of PUBLISH and RESCIND (default 5 s). */
    public Long getConnectTimeoutMillis() {
        return connection.getConnectTimeoutMillis();
    }

    @ConfigProperty(
            description =
                    "Deadline of one connection attempt, and of publishing and rescinding the session (default 5000).")
    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        connection.setConnectTimeoutMillis(connectTimeoutMillis);
    }

    /** On undeploy, how long deliveries in progress may finish before the connection closes (default 10 s). */
    public Long getDrainTimeoutMillis() {
        return drainTimeoutMillis;
    }

    @ConfigProperty(
            description =
                    "On undeploy: how long calls in progress may finish after the session is rescinded, before the connection closes and their callers get publisher-lost (default 10000).")
    public void setDrainTimeoutMillis(Long drainTimeoutMillis) {
        this.drainTimeoutMillis = drainTimeoutMillis;
    }

    public String getUserName() {
        return connection.getUserName();
    }

    @ConfigProperty(description = "User the bean's connection logs in as (HELLO credentials user); default: none.")
    public void setUserName(String value) {
        connection.setUserName(value);
    }

    public String getPassword() {
        return connection.getPassword();
    }

    @ConfigProperty(description = "Password of userName.", confidential = true)
    public void setPassword(String value) {
        connection.setPassword(value);
    }

    public String getTlsTrustCertificates() {
        return connection.getTlsTrustCertificates();
    }

    @ConfigProperty(
            description =
                    "TLS for tls:// URLs: PEM file of the CA certificates to trust on tls:// URLs; default: the resource adapter's.")
    public void setTlsTrustCertificates(String value) {
        connection.setTlsTrustCertificates(value);
    }

    public String getTlsTrustStore() {
        return connection.getTlsTrustStore();
    }

    @ConfigProperty(
            description =
                    "TLS for tls:// URLs: trust store file (instead of tlsTrustCertificates); default: the resource adapter's.")
    public void setTlsTrustStore(String value) {
        connection.setTlsTrustStore(value);
    }

    public String getTlsTrustStorePassword() {
        return connection.getTlsTrustStorePassword();
    }

    @ConfigProperty(
            description = "TLS for tls:// URLs: password of tlsTrustStore; default: the resource adapter's.",
            confidential = true)
    public void setTlsTrustStorePassword(String value) {
        connection.setTlsTrustStorePassword(value);
    }

    public String getTlsTrustStoreType() {
        return connection.getTlsTrustStoreType();
    }

    @ConfigProperty(
            description =
                    "TLS for tls:// URLs: type of tlsTrustStore: PKCS12 (default) or JKS; default: the resource adapter's.")
    public void setTlsTrustStoreType(String value) {
        connection.setTlsTrustStoreType(value);
    }

    public String getTlsKeyStore() {
        return connection.getTlsKeyStore();
    }

    @ConfigProperty(
            description =
                    "TLS for tls:// URLs: key store holding the client certificate, for servers requiring one; default: the resource adapter's.")
    public void setTlsKeyStore(String value) {
        connection.setTlsKeyStore(value);
    }

    public String getTlsKeyStorePassword() {
        return connection.getTlsKeyStorePassword();
    }

    @ConfigProperty(
            description = "TLS for tls:// URLs: password of tlsKeyStore and its key; default: the resource adapter's.",
            confidential = true)
    public void setTlsKeyStorePassword(String value) {
        connection.setTlsKeyStorePassword(value);
    }

    public String getTlsKeyStoreType() {
        return connection.getTlsKeyStoreType();
    }

    @ConfigProperty(
            description =
                    "TLS for tls:// URLs: type of tlsKeyStore: PKCS12 (default) or JKS; default: the resource adapter's.")
    public void setTlsKeyStoreType(String value) {
        connection.setTlsKeyStoreType(value);
    }

    public Boolean getTlsHostnameVerification() {
        return connection.getTlsHostnameVerification();
    }

    @ConfigProperty(
            description =
                    "TLS for tls:// URLs: whether the server certificate must name the host dialled (default true); default: the resource adapter's.")
    public void setTlsHostnameVerification(Boolean value) {
        connection.setTlsHostnameVerification(value);
    }

    /** Checks every property; the message names the bad one. The bean class is checked at activation. */
    @Override
    public void validate() throws InvalidPropertyException {
        if (resourceAdapter instanceof SwitchboardResourceAdapter adapter && adapter.isStopped()) {
            // WildFly 39 re-activates a bean whose deployment was refused on the adapter instance from before a
            // :reload, and exits when that fails; the adapter ignores such activations, so there is nothing to check.
            return;
        }
        ActivationSettings.validate(this);
    }

    /** The shared properties as this activation sets them (unset ones {@code null}). */
    ConnectionProperties connectionProperties() {
        return connection;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        SwitchboardActivationSpec other = (SwitchboardActivationSpec) o;
        return Objects.equals(alias, other.alias)
                && Objects.equals(methods, other.methods)
                && Objects.equals(idempotentMethods, other.idempotentMethods)
                && Objects.equals(policy, other.policy)
                && Objects.equals(maxConcurrency, other.maxConcurrency)
                && Objects.equals(maxRedeliveries, other.maxRedeliveries)
                && connection.equals(other.connection)
                && Objects.equals(reconnectInitialMillis, other.reconnectInitialMillis)
                && Objects.equals(reconnectMaxMillis, other.reconnectMaxMillis)
                && Objects.equals(drainTimeoutMillis, other.drainTimeoutMillis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                alias,
                methods,
                idempotentMethods,
                policy,
                maxConcurrency,
                maxRedeliveries,
                connection,
                reconnectInitialMillis,
                reconnectMaxMillis,
                drainTimeoutMillis);
    }

    @Override
    public String toString() {
        return "SwitchboardActivationSpec[alias=" + alias + ", methods=" + methods + ", maxConcurrency="
                + maxConcurrency + ", " + connection + "]";
    }
}
