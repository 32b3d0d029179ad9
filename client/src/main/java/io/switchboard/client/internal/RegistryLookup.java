package io.switchboard.client.internal;

import io.netty.util.Timer;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Shutdown;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@code registry://host:port/name} URL: a short connection to the registry server, one RESOLVE, closed
 * again. The answer's endpoints that a client can dial ({@code tcp://}, {@code tls://}, {@code unix://}) become the
 * URLs to try,
 * entry by entry (oldest registration first), each entry's endpoints in the registrant's order.
 */
final class RegistryLookup {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryLookup.class);

    private final ClientOptions options;
    private final Transport transport;
    private final Timer timer;
    private final PayloadMappers payloads;
    private final ClientTls tls;
    private final TrafficCounter traffic;

    RegistryLookup(
            ClientOptions options,
            Transport transport,
            Timer timer,
            PayloadMappers payloads,
            ClientTls tls,
            TrafficCounter traffic) {
        this.options = options;
        this.traffic = traffic;
        this.tls = tls;
        this.transport = transport;
        this.timer = timer;
        this.payloads = payloads;
    }

    /** The URLs {@code url} resolves to now; fails when the registry cannot be asked or knows no usable endpoint. */
    CompletableFuture<List<ServerUrl>> resolve(ServerUrl url) {
        ServerUrl registry = url.registryServer();
        long deadline = System.nanoTime() + options.attemptTimeout().toNanos();
        ClientPipeline pipeline = new ClientPipeline(options, registry, payloads, timer, IGNORE, tls, traffic);
        io.netty.channel.ChannelFuture connect;
        try {
            connect = transport.connect(registry, pipeline, options.attemptTimeout());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                pipeline.handshake().completeExceptionally(f.cause());
            }
        });
        io.netty.util.Timeout expiry = timer.newTimeout(
                t -> {
                    if (pipeline.handshake()
                            .completeExceptionally(new NotConnectedException("no WELCOME from the registry " + registry
                                    + " within " + options.attemptTimeout().toMillis() + " ms"))) {
                        connect.channel().close();
                    }
                },
                options.attemptTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        return pipeline.handshake()
                .thenCompose(c -> {
                    expiry.cancel();
                    return c.request(
                                    1,
                                    new Resolve(1, url.registryName()),
                                    deadline,
                                    () -> new NotConnectedException("the registry " + registry
                                            + " did not answer RESOLVE " + url.registryName()),
                                    answer -> Requests.expect(answer, Entries.class))
                            .whenComplete((entries, e) -> c.close(null));
                })
                .thenApply(entries -> usable(url, entries));
    }

    private static List<ServerUrl> usable(ServerUrl url, Entries entries) {
        List<ServerUrl> urls = new ArrayList<>();
        for (Entries.Entry entry : entries.entries()) {
            for (String endpoint : entry.endpoints()) {
                if (endpoint.startsWith("tcp:") || endpoint.startsWith("tls:") || endpoint.startsWith("unix:")) {
                    try {
                        urls.add(ServerUrl.parse(endpoint));
                    } catch (IllegalArgumentException e) {
                        LOG.debug("{}: skipping endpoint {}: {}", url, endpoint, e.getMessage());
                    }
                }
            }
        }
        if (urls.isEmpty()) {
            throw new NotConnectedException(
                    "the registry " + url.registryServer() + " knows no tcp://, tls:// or unix:// endpoint for '"
                            + url.registryName() + "' (" + entries.entries().size() + " entries)");
        }
        LOG.debug("{} resolves to {}", url, urls);
        return urls;
    }

    /** The lookup connection only asks; nothing else should arrive on it. */
    private static final InboundListener IGNORE = new InboundListener() {
        @Override
        public void onDeliver(Connection connection, Deliver deliver) {}

        @Override
        public void onSessionEvent(SessionEvent event) {}

        @Override
        public void onEntries(Entries entries) {}

        @Override
        public void onShutdown(Connection connection, Shutdown shutdown) {}
    };
}
