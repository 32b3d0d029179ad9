package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.adapter.ConnectionProperties;
import io.switchboard.jca.adapter.Poll;
import io.switchboard.jca.adapter.SwitchboardResourceAdapter;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A real Switchboard server on a port kept across restarts, a started resource adapter with a stand-in bootstrap
 * context, and plain clients as callers: what the inbound tests run against.
 */
final class InboundBed implements AutoCloseable {

    /** Generous bound for anything a test waits for; a loaded 2-core machine must never reach it. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    final TestBootstrapContext context = new TestBootstrapContext();
    final SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
    private final int port;
    private final List<SwitchboardClient> callers = new CopyOnWriteArrayList<>();
    private final List<FrontDoorConfig> frontDoors;
    private SwitchboardServer server;

    private InboundBed(boolean serverUp, List<FrontDoorConfig> frontDoors) throws Exception {
        this.frontDoors = frontDoors;
        port = freePort();
        if (serverUp) {
            startServer();
        }
        adapter.setServerUrls(url());
        adapter.start(context);
    }

    static InboundBed start() throws Exception {
        return new InboundBed(true, List.of());
    }

    /** With these front doors on the server (their ports kept across server restarts too). */
    static InboundBed withFrontDoors(FrontDoorConfig... frontDoors) throws Exception {
        return new InboundBed(true, List.of(frontDoors));
    }

    static InboundBed withServerDown() throws Exception {
        return new InboundBed(false, List.of());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void startServer() {
        server = SwitchboardServer.start(ServerConfig.builder()
                .name("inbound-test")
                .host("127.0.0.1")
                .port(port)
                .shutdownGraceMs(200)
                .frontDoors(frontDoors)
                .build());
    }

    void stopServer() {
        server.close();
        server = null;
    }

    /** An activation spec with short reconnect and drain times, for {@code alias}. */
    static SwitchboardActivationSpec spec(String alias) {
        SwitchboardActivationSpec spec = new SwitchboardActivationSpec();
        spec.setAlias(alias);
        spec.setReconnectInitialMillis(50L);
        spec.setReconnectMaxMillis(300L);
        spec.setConnectTimeoutMillis(2_000L);
        spec.setDrainTimeoutMillis(5_000L);
        return spec;
    }

    /** The resource adapter's shared connection properties: only {@code serverUrls} set, as the adapter sets it. */
    static ConnectionProperties adapterAt(String serverUrls) {
        ConnectionProperties adapter = new ConnectionProperties();
        adapter.setServerUrls(serverUrls);
        return adapter;
    }

    void activate(MessageEndpointFactory factory, SwitchboardActivationSpec spec) throws Exception {
        spec.setResourceAdapter(adapter);
        adapter.endpointActivation(factory, spec);
    }

    /** A plain client calling from outside, reconnecting quickly. */
    SwitchboardClient caller(String name) {
        return caller(name, url());
    }

    /** A plain client calling from outside through {@code url} (another server), reconnecting quickly. */
    SwitchboardClient caller(String name, String url) {
        SwitchboardClient client = SwitchboardClient.connect(ClientOptions.builder()
                .url(url)
                .clientName(name)
                .callTimeout(PATIENCE)
                .connectTimeout(PATIENCE)
                .reconnectInitialBackoff(Duration.ofMillis(20))
                .reconnectMaxBackoff(Duration.ofMillis(200))
                .build());
        callers.add(client);
        return client;
    }

    /** The session as the server lists it now. */
    static Optional<SessionInfo> listed(SwitchboardClient client, String alias) {
        return client.list().stream().filter(s -> s.alias().equals(alias)).findFirst();
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) {
        Poll.until(what, condition, PATIENCE);
    }

    @Override
    public void close() throws Exception {
        adapter.stop();
        callers.forEach(SwitchboardClient::close);
        if (server != null) {
            server.close();
        }
        context.workManager.shutdown();
    }
}
