package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.testing.TestPeer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint's schema over real HTTP, against a server with a publisher, a caller that made calls, a text-mode
 * connection and a front door; /connz paging and every sort key; the HTTP errors (400, 404, 405, 413).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorEndpointsTest {

    private SwitchboardServer server;
    private MonitorClient http;
    private TestPeer publisher;
    private TestPeer caller;
    private TestPeer idle;

    @BeforeAll
    void start() throws Exception {
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .adminToken("very-secret-admin-token")
                .frontDoors(List.of(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat")
                        .name("chat")
                        .build()))
                .build());
        http = MonitorClient.plain(server.monitorPort());
        publisher = TestPeer.binary(server.tcpPort());
        publisher.helloWith(new Hello(Protocol.VERSION, "pub", List.of("json"), null, null));
        publisher.send(new Publish(1, "echo", List.of("say"), null, 7));
        publisher.expect(Ack.class);
        caller = TestPeer.binary(server.tcpPort());
        caller.helloWith(new Hello(Protocol.VERSION, "shop", List.of("json"), null, null));
        for (int i = 1; i <= 3; i++) {
            caller.send(new Deliver(i, "echo", "say", 10_000, null));
            Deliver delivered = publisher.expect(Deliver.class);
            publisher.send(Result.ok(delivered.id(), null));
            assertThat(caller.expect(Result.class).id()).isEqualTo(i);
        }
        idle = TestPeer.text(server.tcpPort());
        idle.hello();
    }

    @AfterAll
    void stop() throws Exception {
        idle.close();
        caller.close();
        publisher.close();
        server.close();
    }

    @Test
    void healthzIsOkWhileServing() throws Exception {
        MonitorClient.Reply ok = http.get("/healthz");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).isEqualTo("application/json");
        assertThat(ok.json().get("status").asText()).isEqualTo("ok");
        assertThat(http.get("/healthz?live").json().get("status").asText()).isEqualTo("ok");
        assertThat(http.get("/healthz?ready").status()).isEqualTo(200);
    }

    @Test
    void varzHasIdentityConfigResourcesAndTotals() throws Exception {
        MonitorClient.Reply reply = http.get("/varz");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode varz = reply.json();
        assertThat(varz.get("server_id").isTextual()).isTrue();
        assertThat(varz.get("name").asText()).isEqualTo("switchboard");
        assertThat(varz.get("version").isTextual()).isTrue();
        assertThat(varz.get("start").asText()).endsWith("Z");
        assertThat(varz.get("now").asText()).endsWith("Z");
        assertThat(varz.get("uptime_seconds").isNumber()).isTrue();
        JsonNode config = varz.get("config");
        assertThat(config.get("port").asLong()).isZero();
        assertThat(config.get("admin-token").asText()).isEqualTo("[redacted]");
        assertThat(reply.body()).doesNotContain("very-secret-admin-token");
        assertThat(config.get("monitor-host").asText()).isEqualTo("127.0.0.1");
        assertThat(config.get("max-frame-size").asLong()).isEqualTo(1 << 20);
        assertThat(varz.get("cpu").get("cores").asInt()).isPositive();
        assertThat(varz.get("cpu").get("process_load").asDouble()).isBetween(0.0, 1.0);
        for (String field : List.of("heap_used_bytes", "heap_max_bytes", "direct_used_bytes", "direct_max_bytes")) {
            assertThat(varz.get("memory").get(field).isIntegralNumber())
                    .as(field)
                    .isTrue();
        }
        JsonNode totals = varz.get("totals");
        assertThat(totals.get("connections").asInt()).isEqualTo(3);
        assertThat(totals.get("sessions").asInt()).isEqualTo(1);
        assertThat(totals.get("delivered").asLong()).isEqualTo(3);
        assertThat(totals.get("bytes_in").asLong()).isPositive();
        assertThat(totals.get("bytes_out").asLong()).isPositive();
        for (String field : List.of(
                "calls_in_flight",
                "late_results",
                "busy",
                "timeouts",
                "auth_failures",
                "slow_consumers",
                "connections_refused",
                "overloaded",
                "held_calls",
                "frontdoor_lines",
                "calls")) {
            assertThat(totals.get(field).isIntegralNumber()).as(field).isTrue();
        }
        // The three calls of the set-up, measured (metrics are on by default).
        assertThat(totals.get("calls").asLong()).isEqualTo(3);
        // max-pending-bytes: what waits for slow readers now, and the limit in force (0 configured = automatic).
        assertThat(totals.get("pending_bytes").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(totals.get("max_pending_bytes").asLong())
                .isEqualTo(io.switchboard.server.pipeline.PendingBytes.effectiveLimit(server.config()))
                .isPositive();
        assertThat(config.get("max-pending-bytes").asLong()).isZero();
        assertThat(totals.get("calls_by_code").get("ok").asLong()).isEqualTo(3);
        JsonNode latency = varz.get("latency_seconds");
        assertThat(latency.get("p50").asDouble()).isPositive();
        assertThat(latency.get("p99").asDouble())
                .isGreaterThanOrEqualTo(latency.get("p50").asDouble());
        assertThat(latency.get("max").asDouble()).isPositive();
    }

    @Test
    void connzListsEachConnectionWithItsTraffic() throws Exception {
        JsonNode connz = http.get("/connz").json();
        assertThat(connz.get("total").asInt()).isEqualTo(3);
        assertThat(connz.get("offset").asInt()).isZero();
        assertThat(connz.get("limit").asInt()).isEqualTo(100);
        assertThat(connz.get("sort").asText()).isEqualTo("cid");
        List<JsonNode> rows = list(connz.get("connections"));
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r.get("cid").asLong()).isSorted();
        JsonNode pub = byName(rows, "pub");
        JsonNode shop = byName(rows, "shop");
        assertThat(shop.get("calls_out").asLong()).isEqualTo(3);
        assertThat(shop.get("calls_in").asLong()).isZero();
        assertThat(pub.get("calls_in").asLong()).isEqualTo(3);
        assertThat(pub.get("calls_out").asLong()).isZero();
        assertThat(shop.get("address").asText()).startsWith("127.0.0.1:");
        assertThat(shop.get("user").isNull()).isTrue();
        assertThat(shop.get("codec").asText()).isEqualTo("json");
        assertThat(shop.get("mode").asText()).isEqualTo("binary");
        assertThat(byName(rows, "test").get("mode").asText()).isEqualTo("text");
        assertThat(shop.get("age_seconds").asDouble()).isPositive();
        assertThat(shop.get("calls_in_flight").asInt()).isZero();
        assertThat(shop.get("bytes_in").asLong()).isPositive();
        assertThat(shop.get("bytes_out").asLong()).isPositive();
        assertThat(shop.get("pending_write_bytes").isIntegralNumber()).isTrue();
    }

    @Test
    void connzPagesAndSortsByEveryKey() throws Exception {
        List<JsonNode> all = list(http.get("/connz").json().get("connections"));
        JsonNode page = http.get("/connz?limit=2&offset=1").json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(list(page.get("connections")))
                .extracting(r -> r.get("cid").asLong())
                .containsExactly(
                        all.get(1).get("cid").asLong(), all.get(2).get("cid").asLong());
        assertThat(list(http.get("/connz?offset=3").json().get("connections"))).isEmpty();
        assertThat(list(http.get("/connz?limit=1").json().get("connections"))).hasSize(1);

        assertThat(firstName("calls_out")).isEqualTo("shop");
        assertThat(firstName("calls_in")).isEqualTo("pub");
        for (String key : List.of(
                "age", "calls_in_flight", "calls_out", "calls_in", "bytes_in", "bytes_out", "pending_write_bytes")) {
            JsonNode sorted = http.get("/connz?sort=" + key).json();
            assertThat(sorted.get("sort").asText()).isEqualTo(key);
            String field = key.equals("age") ? "age_seconds" : key;
            assertThat(list(sorted.get("connections")))
                    .as("sorted by " + key)
                    .extracting(r -> -r.get(field).asDouble())
                    .isSorted();
        }
    }

    private String firstName(String sort) throws Exception {
        return http.get("/connz?sort=" + sort)
                .json()
                .get("connections")
                .get(0)
                .get("client_name")
                .asText();
    }

    @Test
    void connzRefusesBadParameters() throws Exception {
        for (String query : List.of(
                "?sort=fame", "?limit=0", "?limit=1001", "?limit=ten", "?offset=-1", "?page=2", "?limit=1&limit=2")) {
            MonitorClient.Reply reply = http.get("/connz" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("bad-request");
            assertThat(reply.json().get("message").asText()).isNotBlank();
        }
    }

    @Test
    void sessionzListsAliasesWithPublishers() throws Exception {
        JsonNode sessions = http.get("/sessionz").json().get("sessions");
        assertThat(sessions).hasSize(1);
        JsonNode echo = sessions.get(0);
        assertThat(echo.get("alias").asText()).isEqualTo("echo");
        assertThat(echo.get("policy").asText()).isEqualTo("fail");
        assertThat(echo.get("in_flight").asInt()).isZero();
        assertThat(echo.get("max_inflight_per_publisher").asInt()).isEqualTo(7);
        JsonNode pub = echo.get("publishers").get(0);
        assertThat(pub.get("cid").isIntegralNumber()).isTrue();
        assertThat(pub.get("client_name").asText()).isEqualTo("pub");
        assertThat(pub.get("in_flight").asInt()).isZero();
        assertThat(echo.get("calls").get("total").asLong()).isEqualTo(3);
        assertThat(echo.get("calls").get("by_code").get("ok").asLong()).isEqualTo(3);
        assertThat(echo.get("latency_seconds").get("p99").asDouble()).isPositive();
    }

    @Test
    void frontdoorzShowsEachDoor() throws Exception {
        JsonNode doors = http.get("/frontdoorz").json().get("front_doors");
        assertThat(doors).hasSize(1);
        JsonNode chat = doors.get(0);
        assertThat(chat.get("name").asText()).isEqualTo("chat");
        assertThat(chat.get("protocol").asText()).isEqualTo("tcp");
        assertThat(chat.get("alias").asText()).isEqualTo("chat");
        for (String field : List.of(
                "lines",
                "buffered_events",
                "buffered_bytes",
                "handlers",
                "outages",
                "welcome_backs",
                "delivered",
                "redelivered",
                "failed",
                "dropped")) {
            assertThat(chat.get(field).isIntegralNumber()).as(field).isTrue();
        }
        assertThat(chat.get("closed").get("silent").isIntegralNumber()).isTrue();
    }

    @Test
    void storezAndRegistryz() throws Exception {
        JsonNode store = http.get("/storez").json();
        assertThat(store.get("backend").asText()).isEqualTo("sqlite");
        assertThat(store.get("location").asText()).contains("in-memory");
        assertThat(store.get("queue_depth").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(store.get("failing").isNull()).isTrue();
        for (String field : List.of("writes", "failures", "batches", "max_batch_size")) {
            assertThat(store.get(field).asLong()).as(field).isZero();
        }
        assertThat(store.get("mean_batch_size").isNumber()).isTrue();
        assertThat(store.get("write_seconds").get("p50").isNumber()).isTrue();
        assertThat(store.get("write_seconds").get("p99").isNumber()).isTrue();

        JsonNode registry = http.get("/registryz").json();
        // The server registers its own listeners under its name.
        assertThat(list(registry.get("names"))).anySatisfy(n -> {
            assertThat(n.get("name").asText()).isEqualTo("switchboard");
            assertThat(n.get("entries").asInt()).isEqualTo(1);
        });
        assertThat(registry.get("total_entries").asLong()).isPositive();
    }

    @Test
    void metricsIsPrometheusText() throws Exception {
        MonitorClient.Reply metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
                .contains("switchboard_calls_total{alias=\"echo\",code=\"ok\"} 3")
                .contains("switchboard_call_duration_seconds_count{alias=\"echo\"} 3")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownPathsAndWrongMethods() throws Exception {
        MonitorClient.Reply missing = http.get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not-found");
        MonitorClient.Reply wrong = http.post("/varz");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers().firstValue("allow")).contains("GET");
        assertThat(http.get("/admin/drain").status()).isEqualTo(405);
        assertThat(http.send("DELETE", "/connz").status()).isEqualTo(405);
        assertThat(http.get("/healthz?verbose").status()).isEqualTo(400);
    }

    @Test
    void aBodyOver64KibIsRefused413() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.monitorPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /admin/drain HTTP/1.1\r\nHost: x\r\nContent-Length: " + (100 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 413");
        }
        assertThat(server.isDraining()).isFalse();
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.monitorPort())) {
            socket.setSoTimeout(20_000);
            // Pipelined: the answers come in request order although /varz runs off the event loop.
            socket.getOutputStream()
                    .write("GET /varz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String first = readResponse(socket.getInputStream());
            String second = readResponse(socket.getInputStream());
            assertThat(first).contains("\"server_id\"");
            assertThat(second).endsWith("{\"status\":\"ok\"}");
        }
    }

    /** The endpoints' answers and the /metrics scrape, into target/monitoring-examples (docs/monitoring.md). */
    @Test
    void writesExamplesForTheDocs() throws Exception {
        for (String path : List.of(
                "/healthz",
                "/varz",
                "/connz?sort=calls_out&limit=2",
                "/sessionz",
                "/frontdoorz",
                "/storez",
                "/registryz")) {
            MonitorClient.Reply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            example(path.substring(1).replaceAll("[?&=]", "_"), reply);
        }
        MonitorClient.Reply metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "monitoring-examples", "metrics.txt"), metrics.body());
    }

    /** Saves {@code reply}, pretty-printed, as target/monitoring-examples/NAME.json. */
    static void example(String name, MonitorClient.Reply reply) throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Path.of("target", "monitoring-examples");
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Files.writeString(
                out.resolve(name + ".json"),
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(reply.json()));
    }

    private static String readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            assertThat(c).as("response head").isNotNegative();
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode byName(List<JsonNode> rows, String name) {
        return rows.stream()
                .filter(r -> name.equals(r.get("client_name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connection named " + name + " in " + rows));
    }
}
