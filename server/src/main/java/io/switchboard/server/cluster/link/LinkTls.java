package io.switchboard.server.cluster.link;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.switchboard.server.tls.OwnCertificate;
import io.switchboard.server.tls.PemMaterial;
import io.switchboard.server.tls.TlsContexts;
import io.switchboard.server.tls.TlsSettings;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The link's TLS, from the server's own {@code tls-cert}/{@code tls-key}: both ends present that certificate
 * (mutual TLS) and trust {@code tls-client-ca} when it is set, otherwise the certificates of the node's own
 * {@code tls-cert} file (the chain as given: one certificate shared by all nodes, or a chain ending in a CA they
 * share). Host names are not checked: members connect to announced addresses, and the link secret names the member.
 */
public record LinkTls(SslContext server, SslContext client) {

    private static final String ALIAS = "switchboard-link";

    public static LinkTls of(TlsSettings settings, PemMaterial material) throws SSLException {
        List<X509Certificate> trusted = material.clientCas().isEmpty() ? material.chain() : material.clientCas();
        SslContext server = SslContextBuilder.forServer(material.key(), material.chain())
                .sslProvider(TlsContexts.provider())
                .protocols(settings.protocols())
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(trusted)
                .build();
        SslContext client = SslContextBuilder.forClient()
                .sslProvider(TlsContexts.provider())
                .protocols(settings.protocols())
                .keyManager(OwnCertificate.of(material))
                .trustManager(trusted)
                .endpointIdentificationAlgorithm(null)
                .build();
        return new LinkTls(server, client);
    }
}
