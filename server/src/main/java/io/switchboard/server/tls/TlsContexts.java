package io.switchboard.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds server {@link SslContext}s from checked PEM material: OpenSSL (BoringSSL from netty-tcnative) when its
 * native library loads, the JDK's provider otherwise. Shared by the client port and the front doors.
 */
public final class TlsContexts {

    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {}

    /** The provider every context uses; decided once (loading the native library is a one-off). */
    public static SslProvider provider() {
        return ProviderHolder.PROVIDER;
    }

    /** "OpenSSL (BoringSSL 1.1.1)" or "JDK (...why OpenSSL is not used)", for the start-up log. */
    public static String providerDescription() {
        return ProviderHolder.DESCRIPTION;
    }

    /** A server context for {@code material}; client certificates are required when the settings name a CA. */
    public static SslContext server(TlsSettings settings, PemMaterial material) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(material.key(), material.chain())
                .sslProvider(provider())
                .protocols(settings.protocols());
        if (settings.mutual()) {
            builder.clientAuth(ClientAuth.REQUIRE).trustManager(material.clientCas());
        }
        return builder.build();
    }

    private static final class ProviderHolder {
        static final SslProvider PROVIDER;
        static final String DESCRIPTION;

        static {
            if (OpenSsl.isAvailable()) {
                PROVIDER = SslProvider.OPENSSL;
                DESCRIPTION = "OpenSSL (" + OpenSsl.versionString() + ")";
            } else {
                PROVIDER = SslProvider.JDK;
                Throwable why = OpenSsl.unavailabilityCause();
                DESCRIPTION = "JDK (OpenSSL unavailable: " + (why == null ? "unknown" : why.getMessage()) + ")";
            }
            log.info("TLS provider: {}", DESCRIPTION);
        }
    }
}
