package io.switchboard.server.cluster;

import io.switchboard.server.tls.OwnCertificate;
import io.switchboard.server.tls.PemMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Cluster traffic over mutual TLS with the server's own certificate and key (docs/cluster.md, "Encrypting cluster
 * traffic"): each node presents {@code tls-cert} and accepts only peers whose certificate chains to a trusted one:
 * the {@code tls-client-ca} certificates when set, otherwise the certificates of the node's own {@code tls-cert}
 * file (nodes sharing one certificate, or leaf certificates filed with the CA that signed them all).
 */
public final class ClusterTls {

    /** {@code cluster-tls}: {@code auto} uses TLS whenever the server has tls-cert; {@code off} never. */
    public enum Mode {
        AUTO,
        OFF;

        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("cluster-tls must be auto or off, was '" + text + "'");
            }
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ClusterTls() {}

    /** A JDK TLS context presenting the node's certificate and trusting as described above. */
    public static SSLContext context(PemMaterial material) throws GeneralSecurityException {
        try {
            List<X509Certificate> anchors = material.clientCas().isEmpty() ? material.chain() : material.clientCas();
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trusted.setCertificateEntry("trusted-" + i, anchors.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    new javax.net.ssl.KeyManager[] {OwnCertificate.of(material)},
                    trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the cluster's TLS context: " + e.getMessage(), e);
        }
    }
}
