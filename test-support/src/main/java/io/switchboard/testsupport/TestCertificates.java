package io.switchboard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates written as PEM files into a directory: a CA, server certificates for localhost/127.0.0.1,
 * client certificates (subject CN plus a SAN, so a test can map a certificate to a user), expired and not yet valid
 * ones. Keys are EC P-256 (fast to make) in PKCS#8 PEM, the form the server reads. Netty's SelfSignedCertificate is
 * deprecated; this replaces it.
 *
 * <pre>
 * TestCertificates certs = TestCertificates.in(tempDir);
 * TestCertificates.Issued server = certs.server("server");          // server.crt, server.key
 * TestCertificates.Issued alice = certs.client("client", "alice");  // CN=alice, SAN URI switchboard:user:alice
 * certs.caFile();                                                    // ca.crt, to trust
 * </pre>
 */
public final class TestCertificates {

    /** The SAN URI prefix of client certificates: {@code switchboard:user:<name>}. */
    public static final String USER_URI_PREFIX = "switchboard:user:";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** One certificate and its key, as objects and as PEM files. */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {}

    private final Path dir;
    private final String caName;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final Path caFile;

    private TestCertificates(Path dir, String caName) {
        this.dir = dir;
        this.caName = caName;
        try {
            Files.createDirectories(dir);
            this.caKeys = newKeys();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + caName);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    serial(),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject,
                    caKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()));
            this.caCert = sign(builder, caKeys.getPrivate());
            this.caFile = dir.resolve(fileName(caName) + ".crt");
            writePem(caFile, "CERTIFICATE", caCert.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test CA: " + e, e);
        }
    }

    /** A new CA named "test-ca" writing into {@code dir}. */
    public static TestCertificates in(Path dir) {
        return new TestCertificates(dir, "test-ca");
    }

    /** A new CA of its own name (e.g. a second, untrusted CA), writing into {@code dir}. */
    public static TestCertificates in(Path dir, String caName) {
        return new TestCertificates(dir, caName);
    }

    /** The CA certificate as a PEM file: what a peer trusts. */
    public Path caFile() {
        return caFile;
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** A server certificate for localhost and 127.0.0.1, valid now; files {@code <name>.crt} and {@code .key}. */
    public Issued server(String name) {
        Instant now = Instant.now();
        return issue(name, "localhost", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), Use.SERVER);
    }

    /** A server certificate naming only the DNS name {@code host} (no IP address), e.g. to test host name checks. */
    public Issued serverNamed(String name, String host) {
        Instant now = Instant.now();
        return issue(name, host, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), Use.SERVER);
    }

    /**
     * A cluster member's certificate for localhost and 127.0.0.1: usable as a server's and as a client's (extended
     * key usages serverAuth and clientAuth), as mutual TLS between peers needs.
     */
    public Issued peer(String name) {
        Instant now = Instant.now();
        return issue(name, "localhost", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), Use.PEER);
    }

    /** A server certificate that expired yesterday. */
    public Issued expiredServer(String name) {
        Instant now = Instant.now();
        return issue(name, "localhost", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), Use.SERVER);
    }

    /** A server certificate that becomes valid tomorrow. */
    public Issued notYetValidServer(String name) {
        Instant now = Instant.now();
        return issue(name, "localhost", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), Use.SERVER);
    }

    /**
     * A client certificate with subject {@code CN=<user>} and the SAN URI {@code switchboard:user:<user>}; files
     * {@code <name>.crt} and {@code .key}.
     */
    public Issued client(String name, String user) {
        Instant now = Instant.now();
        return issue(name, user, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), Use.CLIENT);
    }

    /** A client certificate that expired yesterday. */
    public Issued expiredClient(String name, String user) {
        Instant now = Instant.now();
        return issue(name, user, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), Use.CLIENT);
    }

    /** Copies {@code from}'s files over {@code to}'s paths atomically (as an operator replacing a certificate). */
    public static void replace(Issued from, Path certFile, Path keyFile) {
        try {
            Path tmpCert = Files.createTempFile(certFile.getParent(), "cert", ".tmp");
            Path tmpKey = Files.createTempFile(keyFile.getParent(), "key", ".tmp");
            Files.copy(from.certFile(), tmpCert, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(from.keyFile(), tmpKey, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpKey, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpCert, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDK SSLContext trusting this CA, with {@code identity} as the client certificate if not null. */
    public SSLContext sslContext(Issued identity) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (identity != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry(
                        "me", identity.key(), new char[0], new X509Certificate[] {identity.certificate(), caCert});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an SSLContext: " + e, e);
        }
    }

    /** Writes {@code identity} (and the CA) as a PKCS#12 key store with {@code password}. */
    public Path keyStore(Issued identity, String fileName, char[] password) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", identity.key(), password, new X509Certificate[] {identity.certificate(), caCert});
            Path file = dir.resolve(fileName);
            try (var out = Files.newOutputStream(file)) {
                keys.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a key store: " + e, e);
        }
    }

    /** Writes this CA as a PKCS#12 trust store with {@code password}. */
    public Path trustStore(String fileName, char[] password) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            Path file = dir.resolve(fileName);
            try (var out = Files.newOutputStream(file)) {
                trust.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a trust store: " + e, e);
        }
    }

    /** What a certificate is for: its extended key usages. */
    private enum Use {
        SERVER,
        CLIENT,
        PEER
    }

    private Issued issue(String name, String subjectName, Instant from, Instant to, Use use) {
        boolean client = use == Use.CLIENT;
        try {
            KeyPair keys = newKeys();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    caCert,
                    serial(),
                    Date.from(from),
                    Date.from(to),
                    new X500Name("CN=" + subjectName),
                    keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    switch (use) {
                        case SERVER -> new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth);
                        case CLIENT -> new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth);
                        case PEER ->
                            new ExtendedKeyUsage(
                                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth});
                    });
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            List<GeneralName> sans = new ArrayList<>();
            if (client) {
                sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, USER_URI_PREFIX + subjectName));
            } else if (subjectName.equals("localhost")) {
                sans.add(new GeneralName(GeneralName.dNSName, "localhost"));
                sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            } else {
                sans.add(new GeneralName(GeneralName.dNSName, subjectName));
            }
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            X509Certificate cert = sign(builder, caKeys.getPrivate());
            Path certFile = dir.resolve(fileName(name) + ".crt");
            Path keyFile = dir.resolve(fileName(name) + ".key");
            writePem(certFile, "CERTIFICATE", cert.getEncoded());
            writePem(keyFile, "PRIVATE KEY", keys.getPrivate().getEncoded());
            return new Issued(cert, keys.getPrivate(), certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + name + " from " + caName + ": " + e, e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Standard PEM: base64 in 64-character lines between BEGIN and END. */
    public static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
