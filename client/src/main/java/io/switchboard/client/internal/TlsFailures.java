package io.switchboard.client.internal;

import io.netty.handler.ssl.NotSslRecordException;
import io.switchboard.client.TlsHandshakeException;
import java.security.cert.CertificateExpiredException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns a TLS failure into a {@link TlsHandshakeException} that says what went wrong in words. */
final class TlsFailures {

    private TlsFailures() {}

    /** The TLS exception in {@code failure}'s causes, or null when it is not a TLS failure. */
    static SSLException find(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    static TlsHandshakeException describe(String peer, SSLException failure) {
        return new TlsHandshakeException("TLS handshake with " + peer + " failed: " + reason(failure), failure);
    }

    private static String reason(SSLException failure) {
        if (failure instanceof NotSslRecordException) {
            return "the server did not answer with TLS (is it a plain tcp:// port?)";
        }
        StringBuilder all = new StringBuilder();
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof CertificateExpiredException) {
                return "the server's certificate has expired (" + c.getMessage() + ")";
            }
            all.append(' ').append(c.getMessage());
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        String detail = innermost(failure);
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "the server's certificate does not name this host (host name verification): " + detail;
        }
        if (text.contains("unable to find valid certification path")
                || text.contains("pkix")
                || text.contains("certificate_verify_failed")
                || text.contains("unknown_ca") && !text.contains("received fatal alert")) {
            return "certificate not trusted (the server's certificate is not signed by a trusted CA): " + detail;
        }
        if (text.contains("certificate_required")
                || text.contains("bad_certificate")
                || text.contains("unknown_ca")
                || text.contains("certificate_unknown")
                || text.contains("handshake_failure") && text.contains("alert")) {
            return "the server refused the client certificate (or its absence): " + detail;
        }
        return detail;
    }

    private static String innermost(Throwable failure) {
        Throwable c = failure;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
