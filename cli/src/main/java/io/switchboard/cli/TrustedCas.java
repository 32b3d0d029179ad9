package io.switchboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The SSLContext for https:// monitoring URLs: the JVM's CAs, or only those of a PEM file ({@code --ca}). */
final class TrustedCas {

    private TrustedCas() {}

    static SSLContext sslContext(Path caPem) {
        try {
            if (caPem == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caPem)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "--ca " + caPem + " holds no PEM certificate");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read --ca " + caPem + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new CliException(
                    ExitCode.USAGE, "--ca " + caPem + " is not a PEM certificate file: " + e.getMessage());
        }
    }
}
