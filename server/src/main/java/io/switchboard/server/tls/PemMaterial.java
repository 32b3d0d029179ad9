package io.switchboard.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files of one {@link TlsSettings}, read and checked: a readable PEM certificate chain whose first
 * certificate is valid now, an unencrypted PKCS#8 key that belongs to it, and (for mutual TLS) a CA bundle. Every
 * problem is a {@link TlsFileException} naming the file and the reason, so start-up and reloads can say exactly what
 * is wrong.
 */
public record PemMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas) {

    /** Larger than any sane certificate bundle; a bigger file is not what the option should name. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    public static PemMaterial load(TlsSettings settings) throws TlsFileException {
        List<X509Certificate> chain = certificates("tls-cert", settings.certFile());
        checkValidity("tls-cert", settings.certFile(), chain.get(0));
        PrivateKey key = privateKey(settings.keyFile());
        checkKeyMatches(settings, chain.get(0), key);
        List<X509Certificate> cas = settings.clientCaFile().isPresent()
                ? certificates("tls-client-ca", settings.clientCaFile().get())
                : List.of();
        return new PemMaterial(chain, key, cas);
    }

    /** Subject and expiry of the server certificate, for the log. */
    public String describe() {
        X509Certificate leaf = chain.get(0);
        return "'" + leaf.getSubjectX500Principal().getName() + "' valid until "
                + leaf.getNotAfter().toInstant();
    }

    private static List<X509Certificate> certificates(String option, Path file) throws TlsFileException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(option, file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(
                    option, file, "holds a certificate that cannot be parsed (" + e.getMessage() + ")");
        }
        if (certs.isEmpty()) {
            throw new TlsFileException(option, file, "holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    private static void checkValidity(String option, Path file, X509Certificate cert) throws TlsFileException {
        try {
            cert.checkValidity(new Date());
        } catch (CertificateExpiredException e) {
            throw new TlsFileException(
                    option,
                    file,
                    "the certificate expired on " + cert.getNotAfter().toInstant() + " (" + subject(cert) + ")");
        } catch (CertificateNotYetValidException e) {
            throw new TlsFileException(
                    option,
                    file,
                    "the certificate is not valid before " + cert.getNotBefore().toInstant() + " (" + subject(cert)
                            + ")");
        }
    }

    private static PrivateKey privateKey(Path file) throws TlsFileException {
        List<Block> blocks = blocks("tls-key", file);
        for (Block block : blocks) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return decodePkcs8(file, block.der());
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsFileException(
                            "tls-key",
                            file,
                            "the key is encrypted; give an unencrypted PKCS#8 key "
                                    + "(-----BEGIN PRIVATE KEY-----) and protect the file with its permissions");
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new TlsFileException(
                            "tls-key",
                            file,
                            "the key is in the traditional " + block.type()
                                    + " form; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + file
                                    + " -out key.pk8.pem");
                default:
                // another block (e.g. EC PARAMETERS) before the key
            }
        }
        throw new TlsFileException("tls-key", file, "holds no PEM private key (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey decodePkcs8(Path file, byte[] der) throws TlsFileException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new TlsFileException("tls-key", file, "holds a private key that cannot be read (not RSA, EC or EdDSA)");
    }

    /** Signs a random message with the key and verifies it with the certificate's public key. */
    private static void checkKeyMatches(TlsSettings settings, X509Certificate cert, PrivateKey key)
            throws TlsFileException {
        String mismatch =
                "the key does not belong to the certificate in " + settings.certFile() + " (" + subject(cert) + ")";
        if (!cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new TlsFileException("tls-key", settings.keyFile(), mismatch);
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return; // an algorithm we cannot test; the handshake will tell
        }
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new TlsFileException("tls-key", settings.keyFile(), mismatch);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFileException("tls-key", settings.keyFile(), mismatch + ": " + e.getMessage());
        }
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(String option, Path file) throws TlsFileException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new TlsFileException(option, file, "is a directory, not a PEM file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new TlsFileException(option, file, "is larger than " + MAX_FILE_BYTES + " bytes: not a PEM file");
            }
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(option, file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new TlsFileException(option, file, "is not readable (permission denied)");
        } catch (IOException e) {
            throw new TlsFileException(option, file, "cannot be read: " + e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsFileException(option, file, "holds a damaged PEM block " + m.group(1) + " (bad base64)");
            }
        }
        if (blocks.isEmpty()) {
            throw new TlsFileException(option, file, "is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    private static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }
}
