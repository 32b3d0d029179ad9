package io.switchboard.jca.adapter;

import io.switchboard.client.TlsOptions;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns the {@code tls*} config properties of a connection definition or activation into the client's
 * {@link TlsOptions}, naming the bad property when a file cannot be read. The adapter's relocated Netty cannot load
 * netty-tcnative (its native library is not renamed with the packages), so TLS inside the rar always runs on the JDK's
 * provider; nothing here asks for OpenSSL.
 */
public final class TlsProperties {

    private TlsProperties() {}

    /**
     * The TLS options of {@code p} (already resolved against the resource adapter's), or null when no {@code tls*}
     * property is set: {@code tls://} URLs then trust the JVM's CAs and verify the host name.
     */
    public static TlsOptions options(ConnectionProperties p, PropertyValues.Complaint complaint)
            throws InvalidPropertyException {
        boolean any = p.getTlsTrustCertificates() != null
                || p.getTlsTrustStore() != null
                || p.getTlsKeyStore() != null
                || p.getTlsHostnameVerification() != null;
        if (!any) {
            if (p.getTlsTrustStorePassword() != null || p.getTlsTrustStoreType() != null) {
                throw complaint.about("tlsTrustStorePassword/tlsTrustStoreType", "is set but tlsTrustStore is not");
            }
            if (p.getTlsKeyStorePassword() != null || p.getTlsKeyStoreType() != null) {
                throw complaint.about("tlsKeyStorePassword/tlsKeyStoreType", "is set but tlsKeyStore is not");
            }
            return null;
        }
        TlsOptions.Builder tls = TlsOptions.builder();
        if (p.getTlsTrustCertificates() != null && p.getTlsTrustStore() != null) {
            throw complaint.about("tlsTrustCertificates", "and tlsTrustStore are both set; give one of them");
        }
        if (p.getTlsTrustCertificates() != null) {
            tls.trustCertificates(file("tlsTrustCertificates", p.getTlsTrustCertificates(), complaint));
        } else if (p.getTlsTrustStore() != null) {
            tls.trustStore(
                    file("tlsTrustStore", p.getTlsTrustStore(), complaint),
                    chars(p.getTlsTrustStorePassword()),
                    type(p.getTlsTrustStoreType()));
        } else if (p.getTlsTrustStorePassword() != null || p.getTlsTrustStoreType() != null) {
            throw complaint.about("tlsTrustStorePassword/tlsTrustStoreType", "is set but tlsTrustStore is not");
        }
        if (p.getTlsKeyStore() != null) {
            tls.keyStore(
                    file("tlsKeyStore", p.getTlsKeyStore(), complaint),
                    chars(p.getTlsKeyStorePassword()),
                    type(p.getTlsKeyStoreType()));
        } else if (p.getTlsKeyStorePassword() != null || p.getTlsKeyStoreType() != null) {
            throw complaint.about("tlsKeyStorePassword/tlsKeyStoreType", "is set but tlsKeyStore is not");
        }
        tls.hostnameVerification(p.getTlsHostnameVerification() == null || p.getTlsHostnameVerification());
        try {
            return tls.build();
        } catch (IllegalArgumentException e) {
            throw complaint.about("tls*", "is invalid: " + e.getMessage());
        }
    }

    private static Path file(String property, String value, PropertyValues.Complaint complaint)
            throws InvalidPropertyException {
        if (value.isBlank()) {
            throw complaint.about(property, "must not be blank");
        }
        Path path;
        try {
            path = Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw complaint.about(property, "is not a file path: " + e.getMessage());
        }
        if (!Files.isReadable(path)) {
            throw complaint.about(
                    property,
                    "names " + path + ", which " + (Files.exists(path) ? "cannot be read" : "does not exist"));
        }
        return path;
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static String type(String type) {
        return type == null || type.isBlank() ? "PKCS12" : type.trim();
    }
}
