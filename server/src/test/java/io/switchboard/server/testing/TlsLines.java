package io.switchboard.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A text-mode protocol peer over TLS (a JDK SSLSocket): writes JSON lines, reads lines with a deadline. For the
 * client port's TLS; the handshake runs in the constructor.
 */
public final class TlsLines implements AutoCloseable {

    private final SSLSocket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public TlsLines(SSLContext context, int port, String... protocols) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.startHandshake();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** The server's certificate as this connection saw it. */
    public X509Certificate serverCertificate() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    public void writeLine(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line; fails after {@link TestPeer#WAIT}; null when the server closed the connection. */
    public String readLine() throws IOException {
        return in.readLine();
    }

    /** HELLO in text mode; returns the server's answer line (WELCOME or ERROR). */
    public String hello(String client) throws IOException {
        writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"" + client + "\",\"codecs\":[\"json\"]}");
        return readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
