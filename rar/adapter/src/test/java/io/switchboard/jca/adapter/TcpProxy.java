package io.switchboard.jca.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the server, to break connections the ways networks do: {@link #freeze()} keeps the
 * sockets open but forwards nothing more (a hung server or a silent network), {@link #cut()} resets every
 * connection (a crash, a dropped link).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "proxy-accept").start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server), "proxy-up").start();
                daemon(() -> pump(server, client), "proxy-down").start();
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                holdWhileFrozen();
                out.write(buffer, 0, n);
                out.flush();
            }
            holdWhileFrozen(); // a frozen relay does not pass on a close either
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // connection cut or proxy closed
        }
    }

    private void holdWhileFrozen() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait(); // woken by cut() or close()
            }
        }
    }

    /** From now on nothing passes in either direction; sockets stay open. */
    void freeze() {
        frozen = true;
    }

    /** Resets every relayed connection (RST, no goodbye). */
    public void cut() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        sockets.clear();
        synchronized (gate) {
            frozen = false; // pumps waiting at the gate find their sockets closed and end
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        cut();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
