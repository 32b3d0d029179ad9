package io.switchboard.server.cluster.link;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.switchboard.server.tls.PemMaterial;
import io.switchboard.server.tls.TlsContexts;
import io.switchboard.server.tls.TlsSettings;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;

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
                .keyManager(new OwnCertificate(material.key(), material.chain()))
                .trustManager(trusted)
                .endpointIdentificationAlgorithm(null)
                .build();
        return new LinkTls(server, client);
    }

    /**
     * Presents the node's certificate whatever issuers the accepting node names: when it trusts the certificate
     * itself (no tls-client-ca), it names the certificate's subject, not its issuer, and a standard key manager would
     * then present nothing.
     */
    private static final class OwnCertificate extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager delegate;

        OwnCertificate(PrivateKey key, List<X509Certificate> chain) throws SSLException {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] none = new char[0];
                store.setKeyEntry(ALIAS, key, none, chain.toArray(new Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, none);
                this.delegate = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new SSLException("cluster link: cannot use the server's key: " + e.getMessage(), e);
            }
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
