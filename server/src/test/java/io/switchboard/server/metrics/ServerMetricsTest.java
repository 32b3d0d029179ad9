package io.switchboard.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.TestPeer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics over real sockets: known calls are made, then {@code /metrics}' text ({@code prometheusText()}) is
 * parsed with a Prometheus text-format parser and its figures checked.
 */
class ServerMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();
    private SwitchboardServer server;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SwitchboardServer start(ServerConfig.Builder config) {
        // Scraped as Prometheus would: GET /metrics on the monitoring port.
        server = SwitchboardServer.start(config.port(0).monitorPort(0).build());
        return server;
    }

    private TestPeer peer() throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        open.add(peer);
        peer.hello("json");
        return peer;
    }

    private TestPeer publisher(String alias, SessionPolicy policy) throws Exception {
        TestPeer peer = peer();
        peer.send(new Publish(1, alias, List.of("say"), List.of("say"), null, policy));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return peer;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The exposition parsed: families by name. */
    private Map<String, MetricFamily> scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.monitorPort() + "/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        String text = response.body();
        Map<String, MetricFamily> families = new HashMap<>();
        TextPrometheusMetricDataParser parser =
                new TextPrometheusMetricDataParser(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
            families.put(family.getName(), family);
        }
        return families;
    }

    private static Metric metric(Map<String, MetricFamily> families, String name, String... labels) {
        MetricFamily family = families.get(name);
        assertThat(family).as(name).isNotNull();
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return family.getMetrics().stream()
                .filter(m -> m.getLabels().entrySet().containsAll(wanted.entrySet()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        name + wanted + " not in " + family.getMetrics().size() + " series"));
    }

    private static double counter(Map<String, MetricFamily> families, String name, String... labels) {
        return ((Counter) metric(families, name, labels)).getValue();
    }

    private static double gauge(Map<String, MetricFamily> families, String name, String... labels) {
        return ((Gauge) metric(families, name, labels)).getValue();
    }

    private double gaugeNow(String name, String... labels) {
        try {
            return gauge(scrape(), name, labels);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void callsAreCountedByAliasAndCodeWithTheirDurations() throws Exception {
        start(ServerConfig.builder());
        TestPeer publisher = publisher("echo", null);
        TestPeer caller = peer();
        for (long id = 1; id <= 3; id++) {
            caller.send(new Deliver(id, "echo", "say", 20_000, json("1")));
            Deliver delivered = publisher.expect(Deliver.class);
            publisher.send(Result.ok(delivered.id(), json("2")));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        }
        caller.send(new Deliver(4, "echo", "shout", 20_000, json("1")));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
        caller.send(new Deliver(5, "echo", "say", 300, json("1")));
        publisher.expect(Deliver.class); // never answered
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.TIMEOUT);
        caller.send(new Deliver(6, "nobody", "say", 20_000, json("1")));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);

        Map<String, MetricFamily> families = scrape();
        assertThat(counter(families, "switchboard_calls_total", "alias", "echo", "code", "ok"))
                .isEqualTo(3);
        assertThat(counter(families, "switchboard_calls_total", "alias", "echo", "code", "unknown-method"))
                .isEqualTo(1);
        assertThat(counter(families, "switchboard_calls_total", "alias", "echo", "code", "timeout"))
                .isEqualTo(1);
        assertThat(counter(families, "switchboard_calls_total", "alias", "nobody", "code", "no-such-session"))
                .isEqualTo(1);
        assertThat(families.get("switchboard_calls_total").getMetrics()).hasSize(4);

        Histogram echo = (Histogram) metric(families, "switchboard_call_duration_seconds", "alias", "echo");
        assertThat(echo.getSampleCount()).isEqualTo(5);
        // The timed-out call alone waited its 300 ms deadline (the deadline timer ticks every 10 ms).
        assertThat(echo.getSampleSum()).isGreaterThanOrEqualTo(0.28).isLessThan(60);
        assertThat(echo.getBuckets()).hasSize(20);
        assertThat(echo.getBuckets().get(echo.getBuckets().size() - 1).getCumulativeCount())
                .isEqualTo(5);
        assertThat(echo.getBuckets().get(0).getUpperBound()).isEqualTo(0.00005);
        assertThat(echo.getBuckets().get(18).getUpperBound()).isEqualTo(60.0);

        AliasFigures figures = server.metrics().aliases().get("echo");
        assertThat(figures.calls()).isEqualTo(5);
        assertThat(figures.callsByCode()).containsEntry("ok", 3L).containsEntry("timeout", 1L);
        assertThat(figures.maxSeconds()).isGreaterThanOrEqualTo(0.28);
        assertThat(figures.p99Seconds()).isGreaterThan(figures.p50Seconds()).isLessThanOrEqualTo(figures.maxSeconds());
        AliasFigures all = server.metrics().allCalls();
        assertThat(all.calls()).isEqualTo(6);
        assertThat(all.callsByCode()).containsEntry("no-such-session", 1L);

        assertThat(gauge(families, "switchboard_connections")).isEqualTo(2);
        assertThat(gauge(families, "switchboard_sessions")).isEqualTo(1);
        assertThat(gauge(families, "switchboard_calls_in_flight")).isZero();
        assertThat(counter(families, "switchboard_deliveries_total")).isEqualTo(4);
        assertThat(counter(families, "switchboard_slow_consumers_total")).isZero();
        assertThat(counter(families, "switchboard_auth_failures_total")).isZero();
        assertThat(counter(families, "switchboard_connections_refused_total")).isZero();
        // Micrometer's JVM binders.
        assertThat(families)
                .containsKeys(
                        "jvm_memory_used_bytes",
                        "jvm_gc_live_data_size_bytes",
                        "jvm_threads_live_threads",
                        "jvm_classes_loaded_classes",
                        "system_cpu_count");
    }

    @Test
    void aliasesBeyondTheCapAreCountedUnderOther() throws Exception {
        start(ServerConfig.builder().metricsMaxAliases(2));
        TestPeer caller = peer();
        String[] aliases = {"a", "b", "c", "d", "a"};
        for (int i = 0; i < aliases.length; i++) {
            caller.send(new Deliver(i + 1, aliases[i], "m", 20_000, json("1")));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
        }
        Map<String, MetricFamily> families = scrape();
        assertThat(counter(families, "switchboard_calls_total", "alias", "a")).isEqualTo(2);
        assertThat(counter(families, "switchboard_calls_total", "alias", "b")).isEqualTo(1);
        assertThat(counter(families, "switchboard_calls_total", "alias", "other", "code", "no-such-session"))
                .isEqualTo(2);
        assertThat(families.get("switchboard_calls_total").getMetrics()).hasSize(3);
        assertThat(server.metrics().aliases()).containsOnlyKeys("a", "b", "other");
    }

    @Test
    void heldCallsAndFrontDoorLinesAreGauges() throws Exception {
        start(ServerConfig.builder()
                .frontDoors(List.of(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat")
                        .build())));
        String door = server.config().frontDoors().get(0).name();
        TcpUser user = new TcpUser(server.frontDoorPort(door));
        open.add(user);
        Awaits.await(WAIT, "one front-door line", () -> gaugeNow("switchboard_frontdoor_lines", "door", door) == 1);
        Map<String, MetricFamily> doors = scrape();
        assertThat(gauge(doors, "switchboard_frontdoor_handlers", "door", door)).isZero();
        assertThat(counter(doors, "switchboard_frontdoor_lines_closed_total", "door", door, "reason", "silent"))
                .isZero();
        assertThat(counter(doors, "switchboard_frontdoor_events_delivered_total", "door", door))
                .isZero();

        publisher("inv", SessionPolicy.HOLD).close();
        TestPeer caller = peer();
        Awaits.await(WAIT, "the publisher gone", () -> gaugeNow("switchboard_connections") == 1);
        caller.send(new Deliver(1, "inv", "say", 60_000, json("1")));
        Awaits.await(WAIT, "one held call", () -> gaugeNow("switchboard_held_calls") == 1);
        // Holding a call wrote it to the store.
        Awaits.await(
                WAIT,
                "the held call stored",
                () -> server.metrics().storeWrites().writes() >= 1);
    }

    @Test
    void storeWritesAreMeasured() throws Exception {
        start(ServerConfig.builder());
        TestPeer peer = peer();
        for (long req = 1; req <= 3; req++) {
            peer.send(new Register(req, "svc", List.of("tcp://h:" + req), null, 60_000L, null));
            assertThat(peer.expect(Registered.class).req()).isEqualTo(req);
        }
        Awaits.await(
                WAIT,
                "three registry writes committed",
                () -> server.metrics().storeWrites().writes() >= 3);
        StoreFigures store = server.metrics().storeWrites();
        assertThat(store.failures()).isZero();
        assertThat(store.batches()).isBetween(1L, store.writes());
        assertThat(store.maxBatchSize()).isGreaterThanOrEqualTo(1);
        assertThat(store.meanBatchSize()).isGreaterThanOrEqualTo(1);
        assertThat(store.p99WriteSeconds()).isGreaterThan(0).isGreaterThanOrEqualTo(store.p50WriteSeconds());

        Map<String, MetricFamily> families = scrape();
        Histogram writes = (Histogram) metric(families, "switchboard_store_write_seconds");
        assertThat(writes.getSampleCount()).isEqualTo(store.writes());
        Histogram batches = (Histogram) metric(families, "switchboard_store_batch_size");
        assertThat(batches.getSampleCount()).isEqualTo(store.batches());
        assertThat(counter(families, "switchboard_store_write_failures_total")).isZero();
        assertThat(gauge(families, "switchboard_store_queue_depth")).isZero();
    }

    @Test
    void metricsOffMeasuresNothing() throws Exception {
        start(ServerConfig.builder().metrics(false));
        TestPeer publisher = publisher("echo", null);
        TestPeer caller = peer();
        caller.send(new Deliver(1, "echo", "say", 20_000, json("1")));
        publisher.send(Result.ok(publisher.expect(Deliver.class).id(), json("2")));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        caller.send(new Deliver(2, "nobody", "say", 20_000, json("1")));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);

        MetricsView metrics = server.metrics();
        assertThat(metrics).isSameAs(MetricsView.OFF);
        assertThat(metrics.enabled()).isFalse();
        assertThat(metrics.prometheusText()).isEmpty();
        assertThat(metrics.aliases()).isEmpty();
        assertThat(metrics.allCalls()).isEqualTo(AliasFigures.NONE);
        assertThat(metrics.storeWrites()).isEqualTo(StoreFigures.NONE);
    }
}
