package io.switchboard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** An end user on a tcp front door: a plain socket, one message per line; what it reads is kept in order. */
final class TcpUser implements FrontDoorUser {

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile boolean closedByServer;

    private TcpUser(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "tcp-user-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    static TcpUser connect(int port) throws IOException {
        return new TcpUser(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
            }
        } catch (IOException e) {
            // reset by the peer, or closed by this side: either way nothing more comes
        }
        closedByServer = !socket.isClosed();
    }

    @Override
    public synchronized void send(String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public BlockingQueue<String> received() {
        return received;
    }

    @Override
    public boolean isOpen() {
        return !closedByServer && !socket.isClosed();
    }

    @Override
    public String protocol() {
        return "tcp";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
