package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.adapter.ConnectionProperties;
import io.switchboard.jca.adapter.SwitchboardResourceAdapter;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import java.io.Serializable;
import java.util.Objects;

/**
 * The activation properties of one message-driven bean ({@code @ActivationConfigProperty}), for both listener
 * types. A JavaBean the container fills in; {@link #validate()} checks every value, and the activation reads them
 * once, as {@link ActivationSettings}. Equal when configured alike.
 */
public class SwitchboardActivationSpec implements ActivationSpec, Serializable {

    private static final long serialVersionUID = 1L;

    private String alias;
    private String methods;
    private String idempotentMethods;
    private String policy;
    private Integer maxConcurrency;
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

    public void setAlias(String alias) {
        this.alias = alias;
    }

    /** Comma-separated session methods; required for a SessionListener, derived from {@code @CallMethod}s otherwise. */
    public String getMethods() {
        return methods;
    }

    public void setMethods(String methods) {
        this.methods = methods;
    }

    /** Comma-separated methods that may run twice (re-routed when a publisher is lost mid-call). */
    public String getIdempotentMethods() {
        return idempotentMethods;
    }

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

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    /** Most deliveries in progress at once; the server's in-flight cap for this publisher (default 8). */
    public Integer getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(Integer maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    /** Comma-separated server URLs tried in order; default: the resource adapter's {@code serverUrls}. */
    public String getServerUrls() {
        return connection.getServerUrls();
    }

    public void setServerUrls(String serverUrls) {
        connection.setServerUrls(serverUrls);
    }

    /** The client name in the handshake (default {@code switchboard-mdb-<alias>}). */
    public String getClientName() {
        return connection.getClientName();
    }

    public void setClientName(String clientName) {
        connection.setClientName(clientName);
    }

    /** JSON, CBOR (default) or SMILE. */
    public String getCodec() {
        return connection.getCodec();
    }

    public void setCodec(String codec) {
        connection.setCodec(codec);
    }

    /** The first reconnect delay (default 500 ms); it doubles per failed attempt, with jitter. */
    public Long getReconnectInitialMillis() {
        return reconnectInitialMillis;
    }

    public void setReconnectInitialMillis(Long reconnectInitialMillis) {
        this.reconnectInitialMillis = reconnectInitialMillis;
    }

    /** The longest reconnect delay (default 30 s). */
    public Long getReconnectMaxMillis() {
        return reconnectMaxMillis;
    }

    public void setReconnectMaxMillis(Long reconnectMaxMillis) {
        this.reconnectMaxMillis = reconnectMaxMillis;
    }

    /** One connection attempt's deadline, also the deadline of PUBLISH and RESCIND (default 5 s). */
    public Long getConnectTimeoutMillis() {
        return connection.getConnectTimeoutMillis();
    }

    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        connection.setConnectTimeoutMillis(connectTimeoutMillis);
    }

    /** On undeploy, how long deliveries in progress may finish before the connection closes (default 10 s). */
    public Long getDrainTimeoutMillis() {
        return drainTimeoutMillis;
    }

    public void setDrainTimeoutMillis(Long drainTimeoutMillis) {
        this.drainTimeoutMillis = drainTimeoutMillis;
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
