package io.switchboard.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain client in the test JVM publishing session {@value #ALIAS}, what the EJBs in the application server call:
 * <ul>
 *   <li>{@code echo}: answers the payload.</li>
 *   <li>{@code hold}: answers the payload only when the test {@link #releaseHeld() releases} it, so a test can keep
 *       calls (and with them pooled connections) in flight as long as it needs.</li>
 * </ul>
 * It reconnects and re-publishes on its own after a server restart.
 */
public final class EchoPublisher implements AutoCloseable {

    public static final String ALIAS = "echo";

    private final SwitchboardClient client;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "echo-publisher");
        t.setDaemon(true);
        return t;
    });
    /** Completes when the test releases the held calls; replaced after each release. */
    private final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>(new CompletableFuture<>());

    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    public EchoPublisher(String url) {
        client = SwitchboardClient.connect(ClientOptions.builder()
                .url(url)
                .clientName("it-echo-publisher")
                .connectTimeout(Duration.ofSeconds(10))
                // Back quickly after a server restart: the restart test wants calls to succeed within 5 s.
                .reconnectInitialBackoff(Duration.ofMillis(50))
                .reconnectMaxBackoff(Duration.ofMillis(250))
                .build());
        client.publish(
                PublishOptions.builder(ALIAS).methods(List.of("echo", "hold")).build(), this::handle, handlers);
    }

    private Object handle(IncomingCall call) {
        JsonNode payload = call.payloadTree();
        if ("hold".equals(call.method())) {
            held.incrementAndGet();
            return gate.get().thenApply(released -> {
                held.decrementAndGet();
                return payload;
            });
        }
        return payload;
    }

    /** Calls of {@code hold} the publisher is holding right now. */
    public int held() {
        return held.get();
    }

    /** Answers every held call. */
    public void releaseHeld() {
        gate.getAndSet(new CompletableFuture<>()).complete(null);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Whether the session is published on the server right now (asked over this client's connection). */
    public boolean isPublished() {
        try {
            return client.list().stream().anyMatch(s -> s.alias().equals(ALIAS));
        } catch (RuntimeException notNow) {
            return false;
        }
    }

    @Override
    public void close() {
        releaseHeld();
        client.close();
        handlers.shutdownNow();
    }
}
