package io.switchboard.benchmarks;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * NATS request-reply with the jnats client: a nats-server process on loopback, a responder connection whose
 * Dispatcher echoes each request to its reply subject, and a requester on a second connection.
 */
final class NatsSystem implements RpcSystem {

    /** The echo subject: what requesters request. */
    static final String SUBJECT = "bench.echo";

    private final ExternalProcess server;
    private final Connection responder;
    private final Connection requester;

    private NatsSystem(ExternalProcess server, Connection responder, Connection requester) {
        this.server = server;
        this.responder = responder;
        this.requester = requester;
    }

    /** The nats-server executable on the PATH, if any. */
    static Optional<Path> findServer() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "nats-server");
            if (candidate.toFile().canExecute()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static NatsSystem start(Path executable, Path logDir) throws Exception {
        return start(executable, RpcSecurity.none(), logDir);
    }

    /** As {@link #start(Path, Path)}, with the server and both connections secured by {@code security}. */
    static NatsSystem start(Path executable, RpcSecurity security, Path logDir) throws Exception {
        int port = ExternalProcess.freePort();
        List<String> command = new ArrayList<>(
                List.of(executable.toString(), "-a", ExternalProcess.LOOPBACK, "-p", Integer.toString(port)));
        command.addAll(security.natsServerArgs());
        ExternalProcess server = ExternalProcess.start(
                "nats-server", command, port, logDir.resolve("nats-server.log"), Duration.ofSeconds(15));
        Connection responder = null;
        try {
            String url = security.scheme("nats") + "://" + ExternalProcess.LOOPBACK + ":" + port;
            responder = Nats.connect(security.natsClient(options(url, "bench-responder"), RpcSecurity.PUBLISHER)
                    .build());
            Connection echo = responder;
            Dispatcher dispatcher = responder.createDispatcher(msg -> echo.publish(msg.getReplyTo(), msg.getData()));
            dispatcher.subscribe(SUBJECT);
            responder.flush(Duration.ofSeconds(5)); // the subscription is known to the server before any request
            Connection requester = Nats.connect(security.natsClient(options(url, "bench-requester"), RpcSecurity.CALLER)
                    .build());
            return new NatsSystem(server, responder, requester);
        } catch (Exception | Error e) {
            closeQuietly(responder);
            server.close();
            throw e;
        }
    }

    private static Options.Builder options(String url, String name) {
        return new Options.Builder().server(url).connectionName(name).maxReconnects(0);
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public byte[] call(byte[] body, Duration timeout) throws Exception {
        Message reply = requester.request(SUBJECT, body, timeout);
        if (reply == null) {
            throw new TimeoutException("no NATS reply within " + timeout);
        }
        return reply.getData();
    }

    @Override
    public void ping(Duration timeout) throws Exception {
        requester.RTT(); // PING, wait for PONG (bounded by the connection's own timeout)
    }

    @Override
    public Duration serverCpuTime() {
        return server.cpuTime();
    }

    @Override
    public CompletableFuture<?> callAsync(byte[] body, Duration timeout) {
        // requestWithTimeout is request(subject, body) with the future's deadline set, so no call can hang.
        return requester.requestWithTimeout(SUBJECT, body, timeout);
    }

    @Override
    public void close() {
        try {
            closeQuietly(requester);
            closeQuietly(responder);
        } finally {
            server.close();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException ignored) {
            // Closing at the end of a run; the process is stopped next anyway.
        }
    }
}
