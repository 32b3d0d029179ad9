package io.switchboard.client;

/**
 * The TLS handshake with a server failed: the client does not trust the server's certificate, the certificate does
 * not name the host, or the server refused the client's certificate (or the lack of one). The message says which.
 * Retrying does not help until the certificates change, so a client that never connected gives up at once.
 */
public class TlsHandshakeException extends NotConnectedException {

    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
