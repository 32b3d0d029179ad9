package io.switchboard.jca.adapter.inbound;

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
    private String serverUrls;
    private String clientName;
    private String codec;
    private Long reconnectInitialMillis;
    private Long reconnectMaxMillis;
    private Long connectTimeoutMillis;
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
        return serverUrls;
    }

    public void setServerUrls(String serverUrls) {
        this.serverUrls = serverUrls;
    }

    /** The client name in the handshake (default {@code switchboard-mdb-<alias>}). */
    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    /** JSON, CBOR (default) or SMILE. */
    public String getCodec() {
        return codec;
    }

    public void setCodec(String codec) {
        this.codec = codec;
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
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
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
                && Objects.equals(serverUrls, other.serverUrls)
                && Objects.equals(clientName, other.clientName)
                && Objects.equals(codec, other.codec)
                && Objects.equals(reconnectInitialMillis, other.reconnectInitialMillis)
                && Objects.equals(reconnectMaxMillis, other.reconnectMaxMillis)
                && Objects.equals(connectTimeoutMillis, other.connectTimeoutMillis)
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
                serverUrls,
                clientName,
                codec,
                reconnectInitialMillis,
                reconnectMaxMillis,
                connectTimeoutMillis,
                drainTimeoutMillis);
    }

    @Override
    public String toString() {
        return "SwitchboardActivationSpec[alias=" + alias + ", methods=" + methods + ", maxConcurrency="
                + maxConcurrency + ", serverUrls=" + serverUrls + "]";
    }
}
