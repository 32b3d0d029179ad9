package io.switchboard.jca.rar;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real Switchboard server on an ephemeral port and a plain client publishing {@value #ALIAS}: {@code echo}
 * returns its payload, {@code fail} throws. What the archive's tests call through the adapter.
 */
final class EchoServer implements AutoCloseable {

    /** Generous bound for anything a test waits for; a loaded 2-core machine must never reach it. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    static final String ALIAS = "echo";

    private final SwitchboardServer server;
    private final SwitchboardClient publisher;
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    private EchoServer() throws Exception {
        server = SwitchboardServer.start(ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownGraceMs(300)
                .build());
        publisher = SwitchboardClient.connect(
                ClientOptions.builder().url(url()).connectTimeout(PATIENCE).build());
        publisher.publish(
                PublishOptions.builder(ALIAS).method("echo").method("fail").build(),
                call -> {
                    if (call.method().equals("fail")) {
                        throw new IllegalStateException("refused " + call.payloadTree());
                    }
                    return call.payloadTree();
                },
                handlers);
    }

    static EchoServer start() throws Exception {
        return new EchoServer();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.tcpPort();
    }

    @Override
    public void close() {
        publisher.close();
        server.close();
        handlers.shutdownNow();
    }
}
