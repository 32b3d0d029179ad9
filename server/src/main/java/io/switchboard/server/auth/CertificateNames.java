package io.switchboard.server.auth;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The subject alternative names a users file may map to a user, in one normalized form: {@code URI:<uri>} and
 * {@code EMAIL:<address>} exactly as written, {@code DNS:<name>} in lower case (DNS names ignore case). The same form
 * is made from a users file's {@code certificate-san} and from a client certificate, so a lookup is one map get.
 */
final class CertificateNames {

    /** GeneralName tags (RFC 5280) as {@link X509Certificate#getSubjectAlternativeNames()} reports them. */
    private static final int RFC822 = 1;

    private static final int DNS = 2;
    private static final int URI = 6;

    private CertificateNames() {}

    /** {@code URI:switchboard:user:inventory} -> its normalized form; bad input is an IllegalArgumentException. */
    static String parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).toUpperCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException(
                    "'" + text + "' must be URI:<uri>, DNS:<name> or EMAIL:<address> with a value (no spaces around)");
        }
        return switch (kind) {
            case "URI" -> "URI:" + value;
            case "DNS" -> "DNS:" + value.toLowerCase(Locale.ROOT);
            case "EMAIL" -> "EMAIL:" + value;
            default ->
                throw new IllegalArgumentException(
                        "'" + text + "' must start with URI:, DNS: or EMAIL: (the kind of subject alternative name)");
        };
    }

    /** The certificate's URI, DNS and e-mail SANs in normalized form; other kinds are left out. */
    static List<String> of(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of(); // a verified certificate whose SANs do not parse maps by its subject only
        }
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(names.size());
        for (List<?> name : names) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer tag) || !(name.get(1) instanceof String value)) {
                continue;
            }
            switch (tag) {
                case URI -> out.add("URI:" + value);
                case DNS -> out.add("DNS:" + value.toLowerCase(Locale.ROOT));
                case RFC822 -> out.add("EMAIL:" + value);
                default -> {
                    // IP addresses, directory names, ...: not mappable
                }
            }
        }
        return out;
    }
}
