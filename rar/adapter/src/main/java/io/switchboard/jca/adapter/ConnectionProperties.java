package io.switchboard.jca.adapter;

import java.io.Serializable;
import java.util.Objects;

/**
 * The connection settings the resource adapter, the connection definition and the activation spec share: where the
 * server is, the name and codec announced in the handshake, the connect deadline and the credentials (and, when they
 * come, the TLS settings). Each of the three JavaBeans holds one and delegates its config-property setters and getters
 * to it, so a shared property is declared, compared and resolved in one place.
 *
 * <p>A property not set is {@code null}. A connection definition or activation resolves each property as its own value
 * if set, else the resource adapter's ({@link #orElse}), else the built-in default of its side.
 */
public final class ConnectionProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    private String serverUrls;
    private String clientName;
    private String codec;
    private Long connectTimeoutMillis;
    private String userName;
    private String password;

    public String getServerUrls() {
        return serverUrls;
    }

    public void setServerUrls(String serverUrls) {
        this.serverUrls = serverUrls;
    }

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public String getCodec() {
        return codec;
    }

    public void setCodec(String codec) {
        this.codec = codec;
    }

    public Long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /**
     * A new holder with each property as set here, else as set in {@code fallback} (the resource adapter's); this
     * holder stays as it is. The user name and password fall back together, so a password is never paired with a
     * user name from elsewhere.
     */
    public ConnectionProperties orElse(ConnectionProperties fallback) {
        ConnectionProperties resolved = new ConnectionProperties();
        ConnectionProperties other = fallback == null ? new ConnectionProperties() : fallback;
        resolved.serverUrls = serverUrls != null ? serverUrls : other.serverUrls;
        resolved.clientName = clientName != null ? clientName : other.clientName;
        resolved.codec = codec != null ? codec : other.codec;
        resolved.connectTimeoutMillis =
                connectTimeoutMillis != null ? connectTimeoutMillis : other.connectTimeoutMillis;
        boolean ownCredentials = userName != null || password != null;
        resolved.userName = ownCredentials ? userName : other.userName;
        resolved.password = ownCredentials ? password : other.password;
        return resolved;
    }

    /** Equal when every property is; the JavaBeans holding one compare it as part of their own identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionProperties other
                && Objects.equals(serverUrls, other.serverUrls)
                && Objects.equals(clientName, other.clientName)
                && Objects.equals(codec, other.codec)
                && Objects.equals(connectTimeoutMillis, other.connectTimeoutMillis)
                && Objects.equals(userName, other.userName)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverUrls, clientName, codec, connectTimeoutMillis, userName, password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "serverUrls=" + serverUrls + ", clientName=" + clientName + ", codec=" + codec
                + ", connectTimeoutMillis=" + connectTimeoutMillis + ", user=" + userName;
    }
}
