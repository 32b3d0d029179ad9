package io.switchboard.server.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where one listener's TLS material lives: the certificate chain and its key (PEM), optionally a CA bundle whose
 * client certificates are then required (mutual TLS), and the oldest TLS version accepted.
 */
public record TlsSettings(Path certFile, Path keyFile, Optional<Path> clientCaFile, String minVersion) {

    public static final String TLS_1_2 = "TLSv1.2";
    public static final String TLS_1_3 = "TLSv1.3";
    public static final String DEFAULT_MIN_VERSION = TLS_1_2;

    /**
     * The settings of the four options, or empty when none of cert, key and client CA is set.
     *
     * @param prefix put before option names in errors, e.g. {@code "front door 'chat': "}
     * @throws IllegalArgumentException naming the option when they do not fit together
     */
    public static Optional<TlsSettings> of(Path cert, Path key, Path clientCa, String minVersion, String prefix) {
        String version = minVersion == null || minVersion.isBlank() ? DEFAULT_MIN_VERSION : normalise(minVersion);
        if (version == null) {
            throw new IllegalArgumentException(
                    prefix + "tls-min-version must be TLSv1.2 or TLSv1.3, was '" + minVersion + "'");
        }
        if (cert == null && key == null) {
            if (clientCa != null) {
                throw new IllegalArgumentException(prefix + "tls-client-ca is set but tls-cert and tls-key are not: "
                        + "client certificates need TLS");
            }
            return Optional.empty();
        }
        if (cert == null) {
            throw new IllegalArgumentException(prefix + "tls-key is set but tls-cert is not: TLS needs both");
        }
        if (key == null) {
            throw new IllegalArgumentException(prefix + "tls-cert is set but tls-key is not: TLS needs both");
        }
        return Optional.of(new TlsSettings(cert, key, Optional.ofNullable(clientCa), version));
    }

    /** TLSv1.2 or TLSv1.3 (also accepted: 1.2, 1.3, any case); null for anything else. */
    private static String normalise(String version) {
        String v = version.trim();
        if (v.equalsIgnoreCase(TLS_1_2) || v.equals("1.2")) {
            return TLS_1_2;
        }
        if (v.equalsIgnoreCase(TLS_1_3) || v.equals("1.3")) {
            return TLS_1_3;
        }
        return null;
    }

    /** Whether a client certificate signed by the client CA is required. */
    public boolean mutual() {
        return clientCaFile.isPresent();
    }

    /** The protocol versions enabled: the minimum and anything newer we know. */
    public List<String> protocols() {
        return minVersion.equals(TLS_1_3) ? List.of(TLS_1_3) : List.of(TLS_1_3, TLS_1_2);
    }

    @Override
    public String toString() {
        return "tls[cert=" + certFile + ", key=" + keyFile
                + clientCaFile.map(ca -> ", client-ca=" + ca).orElse("") + ", min=" + minVersion + "]";
    }
}
