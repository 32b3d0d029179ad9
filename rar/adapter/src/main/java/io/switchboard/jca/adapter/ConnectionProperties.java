package io.switchboard.jca.adapter;

import java.io.Serializable;
import java.util.Objects;

/**
 * The connection settings the resource adapter, the connection definition and the activation spec share: where the
 * server is, the name and codec announced in the handshake, the connect deadline and the credentials (and, when they
 * the TLS settings for {@code tls://} URLs). Each of the three JavaBeans holds one and delegates its config-property setters and getters
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
    private String tlsTrustCertificates;
    private String tlsTrustStore;
    private String tlsTrustStorePassword;
    private String tlsTrustStoreType;
    private String tlsKeyStore;
    private String tlsKeyStorePassword;
    private String tlsKeyStoreType;
    private Boolean tlsHostnameVerification;

    public String getServerUrls() {
        return serverUrls;
    }

    /**
     * One URL or a comma-separated list, tried in order. Kept with the blanks around each element taken out, so
     * that the same list written with or without spaces is the same factory (equals/hashCode); the order counts.
     * Checked when the settings are built ({@link PropertyValues#serverUrls}), which names a bad element.
     */
    public void setServerUrls(String serverUrls) {
        this.serverUrls = serverUrls == null
                ? null
                : java.util.Arrays.stream(serverUrls.split(",", -1))
                        .map(String::trim)
                        .collect(java.util.stream.Collectors.joining(","));
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

    public String getTlsTrustCertificates() {
        return tlsTrustCertificates;
    }

    public void setTlsTrustCertificates(String tlsTrustCertificates) {
        this.tlsTrustCertificates = tlsTrustCertificates;
    }

    public String getTlsTrustStore() {
        return tlsTrustStore;
    }

    public void setTlsTrustStore(String tlsTrustStore) {
        this.tlsTrustStore = tlsTrustStore;
    }

    public String getTlsTrustStorePassword() {
        return tlsTrustStorePassword;
    }

    public void setTlsTrustStorePassword(String tlsTrustStorePassword) {
        this.tlsTrustStorePassword = tlsTrustStorePassword;
    }

    public String getTlsTrustStoreType() {
        return tlsTrustStoreType;
    }

    public void setTlsTrustStoreType(String tlsTrustStoreType) {
        this.tlsTrustStoreType = tlsTrustStoreType;
    }

    public String getTlsKeyStore() {
        return tlsKeyStore;
    }

    public void setTlsKeyStore(String tlsKeyStore) {
        this.tlsKeyStore = tlsKeyStore;
    }

    public String getTlsKeyStorePassword() {
        return tlsKeyStorePassword;
    }

    public void setTlsKeyStorePassword(String tlsKeyStorePassword) {
        this.tlsKeyStorePassword = tlsKeyStorePassword;
    }

    public String getTlsKeyStoreType() {
        return tlsKeyStoreType;
    }

    public void setTlsKeyStoreType(String tlsKeyStoreType) {
        this.tlsKeyStoreType = tlsKeyStoreType;
    }

    public Boolean getTlsHostnameVerification() {
        return tlsHostnameVerification;
    }

    public void setTlsHostnameVerification(Boolean tlsHostnameVerification) {
        this.tlsHostnameVerification = tlsHostnameVerification;
    }

    /**
     * A new holder with each property as set here, else as set in {@code fallback} (the resource adapter's); this
     * holder stays as it is. The user name and password fall back together, so a password is never paired with a
     * user name from elsewhere; likewise what to trust (PEM file or trust store, with its password and type) and the
     * client key store (with its password and type) each fall back as a group.
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
        boolean ownTrust = tlsTrustCertificates != null
                || tlsTrustStore != null
                || tlsTrustStorePassword != null
                || tlsTrustStoreType != null;
        ConnectionProperties trust = ownTrust ? this : other;
        resolved.tlsTrustCertificates = trust.tlsTrustCertificates;
        resolved.tlsTrustStore = trust.tlsTrustStore;
        resolved.tlsTrustStorePassword = trust.tlsTrustStorePassword;
        resolved.tlsTrustStoreType = trust.tlsTrustStoreType;
        boolean ownKey = tlsKeyStore != null || tlsKeyStorePassword != null || tlsKeyStoreType != null;
        ConnectionProperties key = ownKey ? this : other;
        resolved.tlsKeyStore = key.tlsKeyStore;
        resolved.tlsKeyStorePassword = key.tlsKeyStorePassword;
        resolved.tlsKeyStoreType = key.tlsKeyStoreType;
        resolved.tlsHostnameVerification =
                tlsHostnameVerification != null ? tlsHostnameVerification : other.tlsHostnameVerification;
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
                && Objects.equals(password, other.password)
                && Objects.equals(tlsTrustCertificates, other.tlsTrustCertificates)
                && Objects.equals(tlsTrustStore, other.tlsTrustStore)
                && Objects.equals(tlsTrustStorePassword, other.tlsTrustStorePassword)
                && Objects.equals(tlsTrustStoreType, other.tlsTrustStoreType)
                && Objects.equals(tlsKeyStore, other.tlsKeyStore)
                && Objects.equals(tlsKeyStorePassword, other.tlsKeyStorePassword)
                && Objects.equals(tlsKeyStoreType, other.tlsKeyStoreType)
                && Objects.equals(tlsHostnameVerification, other.tlsHostnameVerification);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                serverUrls,
                clientName,
                codec,
                connectTimeoutMillis,
                userName,
                password,
                tlsTrustCertificates,
                tlsTrustStore,
                tlsTrustStorePassword,
                tlsTrustStoreType,
                tlsKeyStore,
                tlsKeyStorePassword,
                tlsKeyStoreType,
                tlsHostnameVerification);
    }

    /** Never shows a password (not even whether one is set beyond "***"). */
    @Override
    public String toString() {
        return "serverUrls=" + serverUrls + ", clientName=" + clientName + ", codec=" + codec
                + ", connectTimeoutMillis=" + connectTimeoutMillis + ", user=" + userName
                + (password == null ? "" : ", password=***")
                + (tlsTrustCertificates == null ? "" : ", tlsTrustCertificates=" + tlsTrustCertificates)
                + (tlsTrustStore == null ? "" : ", tlsTrustStore=" + tlsTrustStore)
                + (tlsKeyStore == null ? "" : ", tlsKeyStore=" + tlsKeyStore)
                + (tlsHostnameVerification == null ? "" : ", tlsHostnameVerification=" + tlsHostnameVerification);
    }
}
