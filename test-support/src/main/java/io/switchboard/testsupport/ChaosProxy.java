package io.switchboard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the adapter and the Switchboard server that can cut connections the way a firewall or a
 * crashed host does: {@link #severServerSides()} closes every current connection towards the server (the server
 * sees it closed) but leaves the adapter's side open and silent, so only validation can tell it is dead.
 */
public final class ChaosProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    public ChaosProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("chaos-proxy-accept", this::acceptLoop).start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** Connections the adapter opened through the proxy so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections the adapter closed itself (e.g. after finding them invalid). */
    public int closedByClient() {
        return closedByClient.get();
    }

    /** Closes the server side of every current connection; the client side stays open and hears nothing more. */
    public void severServerSides() {
        for (Link link : links) {
            link.sever();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                accepted.incrementAndGet();
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("chaos proxy: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::closeBoth);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** One proxied connection: bytes pumped both ways until one side closes, or until severed. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean severed;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            daemon("chaos-proxy-up", this::clientToServer).start();
            daemon("chaos-proxy-down", this::serverToClient).start();
        }

        void sever() {
            severed = true;
            closeQuietly(server);
        }

        /** Reads the client until it closes; forwards while not severed, swallows afterwards (a black hole). */
        private void clientToServer() {
            byte[] buffer = new byte[8192];
            try (InputStream in = client.getInputStream()) {
                OutputStream out = server.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!severed) {
                        try {
                            out.write(buffer, 0, n);
                        } catch (IOException serverGone) {
                            if (!severed) {
                                break;
                            }
                        }
                    }
                }
                closedByClient.incrementAndGet();
            } catch (IOException ignored) {
                // the client side failed: the link is over
            }
            links.remove(this);
            closeBoth();
        }

        /** Forwards server bytes; when the server side ends, closes the client too unless severed. */
        private void serverToClient() {
            byte[] buffer = new byte[8192];
            try (InputStream in = server.getInputStream()) {
                OutputStream out = client.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // server side closed or severed
            }
            if (!severed) {
                closeBoth();
            }
        }

        void closeBoth() {
            closeQuietly(server);
            closeQuietly(client);
        }

        private void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
