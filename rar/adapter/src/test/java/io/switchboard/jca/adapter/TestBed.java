package io.switchboard.jca.adapter;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Switchboard server on an ephemeral port, a plain client publishing the {@code demo} session, and a started
 * resource adapter: what every adapter test runs against.
 *
 * <p>{@code demo} methods: {@code echo} (returns its payload), {@code fail} (the handler throws "no luck"),
 * {@code hold} (waits until the test bed is closed or {@link #releaseHeld()}, then answers "released").
 */
final class TestBed implements AutoCloseable {

    /** Generous bound for anything a test waits for; a loaded 2-core machine must never reach it. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    static final String ALIAS = "demo";

    record Greeting(String name, int times) {}

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    /** One permit per {@code hold} call that has entered its handler. */
    final Semaphore holding = new Semaphore(0);

    final SwitchboardServer server;
    final SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
    /** Every publisher started, closed with the test bed. */
    private final java.util.List<SwitchboardClient> publishers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestBed(ServerConfig config) throws Exception {
        server = SwitchboardServer.start(config);
        adapter.start(null);
    }

    static TestBed start() throws Exception {
        return start(serverConfig());
    }

    static TestBed start(ServerConfig.Builder config) throws Exception {
        TestBed bed = new TestBed(config.build());
        bed.publishDemo(bed.tcpUrl(), null);
        return bed;
    }

    static ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().host("127.0.0.1").port(0).shutdownGraceMs(300);
    }

    String tcpUrl() {
        return "tcp://127.0.0.1:" + server.tcpPort();
    }

    /** A plain client (with its own threads, reconnecting) publishing {@code demo} through {@code url}. */
    SwitchboardClient publishDemo(String url, Integer maxInflight) {
        return publishDemo(url, ALIAS, maxInflight);
    }

    /** As {@link #publishDemo(String, Integer)}, under another alias. */
    SwitchboardClient publishDemo(String url, String alias, Integer maxInflight) {
        SwitchboardClient client = SwitchboardClient.connect(ClientOptions.builder()
                .url(url)
                .clientName("test-publisher")
                .callTimeout(PATIENCE)
                .connectTimeout(PATIENCE)
                .reconnectInitialBackoff(Duration.ofMillis(20))
                .reconnectMaxBackoff(Duration.ofMillis(200))
                .build());
        PublishOptions.Builder options =
                PublishOptions.builder(alias).method("echo").method("fail").method("hold");
        if (maxInflight != null) {
            options.maxInflight(maxInflight);
        }
        publishers.add(client);
        client.publish(options.build(), this::handle, handlers);
        return client;
    }

    private Object handle(IncomingCall call) throws Exception {
        switch (call.method()) {
            case "echo":
                return call.payloadTree();
            case "fail":
                throw new IllegalStateException("no luck");
            case "hold":
                holding.release();
                release.await(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
                return "released";
            default:
                throw new IllegalArgumentException("unexpected method " + call.method());
        }
    }

    void releaseHeld() {
        release.countDown();
    }

    /** Waits until {@code count} hold calls are inside the handler. */
    void awaitHolding(int count) throws InterruptedException {
        if (!holding.tryAcquire(count, PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("timed out waiting for " + count + " held call(s)");
        }
    }

    /** A connection definition against this server, associated with the started adapter. */
    SwitchboardManagedConnectionFactory factory() throws Exception {
        return factory(tcpUrl());
    }

    SwitchboardManagedConnectionFactory factory(String serverUrls) throws Exception {
        SwitchboardManagedConnectionFactory factory = new SwitchboardManagedConnectionFactory();
        factory.setServerUrls(serverUrls);
        factory.setClientName("adapter-test");
        factory.setCallTimeoutMillis(PATIENCE.toMillis());
        factory.setResourceAdapter(adapter);
        return factory;
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) {
        Poll.until(what, condition, PATIENCE);
    }

    @Override
    public void close() {
        release.countDown();
        publishers.forEach(TestBed::closeQuietly);
        closeQuietly(server);
        adapter.stop();
        handlers.shutdownNow();
    }

    static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort in teardown
                }
            }
        }
    }
}
