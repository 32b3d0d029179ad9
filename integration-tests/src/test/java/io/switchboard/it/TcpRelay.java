package io.switchboard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between a client and a server: every accepted connection is piped to the target port.
 * Closing it cuts every piped connection, as a network outage would; {@link #reopen} listens again on the
 * same port, so a reconnecting client finds the server again.
 */
final class TcpRelay implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private TcpRelay(int targetPort, int port) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            Fixtures.closeAll(listener);
            throw e;
        }
        daemon("relay-accept-" + listener.getLocalPort(), this::accept);
    }

    /** A relay on an ephemeral loopback port to {@code targetPort}. */
    static TcpRelay open(int targetPort) throws IOException {
        return new TcpRelay(targetPort, 0);
    }

    /**
     * A new relay on this (closed) relay's port, to the same target. The port can stay bound a moment after
     * {@link #close}: a listening socket closed while its accept thread is blocked is released only when that thread
     * wakes up, which on a busy machine can come after the client has noticed the cut. So the bind is retried, for
     * {@link Fixtures#PATIENCE} at most.
     */
    TcpRelay reopen() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Fixtures.PATIENCE.toNanos();
        while (true) {
            try {
                return new TcpRelay(targetPort, port());
            } catch (BindException stillBound) {
                if (System.nanoTime() - deadline > 0) {
                    throw stillBound;
                }
                Thread.sleep(10);
            }
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    String url() {
        return "tcp://127.0.0.1:" + port();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                if (listener.isClosed()) {
                    close();
                    return;
                }
                daemon("relay-up-" + client.getPort(), () -> pipe(client, server));
                daemon("relay-down-" + client.getPort(), () -> pipe(server, client));
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    /** Copies {@code from} to {@code to} until either side is gone, then cuts both. */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side is gone: the other goes with it
        } finally {
            Fixtures.closeAll(from, to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Cuts every connection relayed so far but goes on listening: a dropped link to a server that is still up. */
    void cut() {
        List<Socket> relayed = List.copyOf(sockets);
        sockets.removeAll(relayed);
        relayed.forEach(Fixtures::closeAll);
    }

    /** Stops listening and cuts every connection relayed so far. */
    @Override
    public void close() {
        Fixtures.closeAll(listener);
        sockets.forEach(Fixtures::closeAll);
    }
}
