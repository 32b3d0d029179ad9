package io.switchboard.client.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client's TLS context, from its {@link TlsOptions}: built when the client is made if TLS options were given (so
 * a bad file fails {@code connect} at once, naming it), else on the first {@code tls://} URL with the JVM's CAs.
 * OpenSSL when netty-tcnative is on the class path, the JDK's provider otherwise; the client never requires tcnative.
 */
final class ClientTls {

    private final TlsOptions options;
    private SslContext context;

    ClientTls(TlsOptions options) {
        this.options = options == null ? TlsOptions.defaults() : options;
        if (options != null) {
            context();
        }
    }

    /** The handler for a connection to {@code url}: SNI and host name verification use the URL's host. */
    SslHandler newHandler(ByteBufAllocator alloc, ServerUrl url) {
        return context().newHandler(alloc, url.host(), url.port());
    }

    private synchronized SslContext context() {
        if (context == null) {
            context = build(options);
        }
        return context;
    }

    private static SslContext build(TlsOptions o) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                // Netty 4.2 verifies the host name by default; null turns it off (TlsOptions documents the danger).
                .endpointIdentificationAlgorithm(o.hostnameVerification() ? "HTTPS" : null);
        try {
            if (o.trustCertificates() != null) {
                builder.trustManager(o.trustCertificates().toFile());
            } else if (o.trustStore() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(o.trustStore(), o.trustStorePassword(), o.trustStoreType()));
                builder.trustManager(tmf);
            }
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            throw bad("trust", o.trustCertificates() != null ? o.trustCertificates() : o.trustStore(), e);
        }
        try {
            if (o.certificate() != null) {
                builder.keyManager(o.certificate().toFile(), o.key().toFile());
            } else if (o.keyStore() != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[] password = o.keyStorePassword();
                kmf.init(load(o.keyStore(), password, o.keyStoreType()), password == null ? new char[0] : password);
                builder.keyManager(kmf);
            }
        } catch (IllegalArgumentException | GeneralSecurityException | IOException e) {
            throw bad("client certificate", o.certificate() != null ? o.certificate() : o.keyStore(), e);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + o + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password, String type) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static IllegalArgumentException bad(String what, Path file, Exception e) {
        return new IllegalArgumentException("TLS " + what + " file " + file + " cannot be used: " + e.getMessage(), e);
    }
}
