package io.switchboard.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a client does TLS on {@code tls://} URLs: what it trusts (a CA PEM file or a trust store; default: the JVM's
 * trusted CAs), its own certificate for servers that require one (PEM certificate + key, or a key store), and whether
 * the server's certificate must name the host dialled (on by default).
 *
 * <pre>
 * TlsOptions tls = TlsOptions.builder()
 *         .trustCertificates(Path.of("/etc/switchboard/ca.crt"))
 *         .clientCertificate(Path.of("client.crt"), Path.of("client.key"))
 *         .build();
 * ClientOptions.builder().url("tls://switchboard.example.com:7420").tls(tls).build();
 * </pre>
 */
public final class TlsOptions {

    private final Path trustCertificates;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final String trustStoreType;
    private final Path certificate;
    private final Path key;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final String keyStoreType;
    private final boolean hostnameVerification;

    private TlsOptions(Builder b) {
        if (b.trustCertificates != null && b.trustStore != null) {
            throw new IllegalArgumentException("give trustCertificates or trustStore, not both");
        }
        if (b.certificate != null && b.keyStore != null) {
            throw new IllegalArgumentException("give clientCertificate or keyStore, not both");
        }
        this.trustCertificates = readable(b.trustCertificates, "trustCertificates");
        this.trustStore = readable(b.trustStore, "trustStore");
        this.trustStorePassword = b.trustStorePassword;
        this.trustStoreType = b.trustStoreType;
        this.certificate = readable(b.certificate, "clientCertificate certificate");
        this.key = readable(b.key, "clientCertificate key");
        this.keyStore = readable(b.keyStore, "keyStore");
        this.keyStorePassword = b.keyStorePassword;
        this.keyStoreType = b.keyStoreType;
        this.hostnameVerification = b.hostnameVerification;
    }

    private static Path readable(Path file, String what) {
        if (file != null && !Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    "TLS " + what + " file " + file + (Files.exists(file) ? " is not readable" : " does not exist"));
        }
        return file;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JVM's trusted CAs, host name verification on, no client certificate: what {@code tls://} uses by default. */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /** PEM file of the CA certificates to trust; null when a trust store or the JVM's CAs are used. */
    public Path trustCertificates() {
        return trustCertificates;
    }

    public Path trustStore() {
        return trustStore;
    }

    public char[] trustStorePassword() {
        return trustStorePassword == null ? null : trustStorePassword.clone();
    }

    public String trustStoreType() {
        return trustStoreType;
    }

    /** PEM certificate chain presented to servers that ask for one; null for none or a key store. */
    public Path certificate() {
        return certificate;
    }

    /** PEM (PKCS#8) key of {@link #certificate()}. */
    public Path key() {
        return key;
    }

    public Path keyStore() {
        return keyStore;
    }

    public char[] keyStorePassword() {
        return keyStorePassword == null ? null : keyStorePassword.clone();
    }

    public String keyStoreType() {
        return keyStoreType;
    }

    /** Whether the server's certificate must name the host dialled (default true). */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    @Override
    public String toString() {
        // Paths only: passwords are never shown.
        return "TlsOptions[trust="
                + (trustCertificates != null ? trustCertificates : trustStore != null ? trustStore : "JVM default")
                + ", identity=" + (certificate != null ? certificate : keyStore != null ? keyStore : "none")
                + ", hostnameVerification=" + hostnameVerification + "]";
    }

    /** Builds {@link TlsOptions}; {@link #build()} checks the files can be read. */
    public static final class Builder {
        private Path trustCertificates;
        private Path trustStore;
        private char[] trustStorePassword;
        private String trustStoreType = "PKCS12";
        private Path certificate;
        private Path key;
        private Path keyStore;
        private char[] keyStorePassword;
        private String keyStoreType = "PKCS12";
        private boolean hostnameVerification = true;

        private Builder() {}

        /** Trust the CA certificates in this PEM file (instead of the JVM's trusted CAs). */
        public Builder trustCertificates(Path caPem) {
            this.trustCertificates = Objects.requireNonNull(caPem, "caPem");
            return this;
        }

        /** Trust the certificates of this key store ({@code type} e.g. PKCS12 or JKS; password may be null). */
        public Builder trustStore(Path file, char[] password, String type) {
            this.trustStore = Objects.requireNonNull(file, "file");
            this.trustStorePassword = password == null ? null : password.clone();
            this.trustStoreType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Present this certificate (PEM chain) and key (unencrypted PKCS#8 PEM) to servers requiring one. */
        public Builder clientCertificate(Path certificatePem, Path keyPem) {
            this.certificate = Objects.requireNonNull(certificatePem, "certificatePem");
            this.key = Objects.requireNonNull(keyPem, "keyPem");
            return this;
        }

        /** Present the key entry of this key store to servers requiring a client certificate. */
        public Builder keyStore(Path file, char[] password, String type) {
            this.keyStore = Objects.requireNonNull(file, "file");
            this.keyStorePassword = password == null ? null : password.clone();
            this.keyStoreType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Whether the server's certificate must name the host in the URL (default true). Turning it off is
         * dangerous: any certificate the trusted CAs signed is then accepted for any server, so whoever holds one can
         * sit in the middle. Only for tests or a CA that signs nothing but this server.
         */
        public Builder hostnameVerification(boolean enabled) {
            this.hostnameVerification = enabled;
            return this;
        }

        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
