package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStartException;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.testing.TestPeer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz through a server's life: starting, serving, draining, shutting down, and a store whose writes fail. */
class MonitorHealthTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void startingWhileTheStoreOpensThenGoneWhenTheStartFails() throws Exception {
        // A PostgreSQL that accepts connections and never answers: the store takes its login timeout to open.
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int monitorPort = freePort();
            ServerConfig config = ServerConfig.builder()
                    .port(0)
                    .monitorPort(monitorPort)
                    .store(StoreSettings.postgres(
                            "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/db", "u", "p"))
                    .build();
            CompletableFuture<SwitchboardServer> starting =
                    CompletableFuture.supplyAsync(() -> SwitchboardServer.start(config));
            MonitorClient http = MonitorClient.plain(monitorPort);

            MonitorClient.Reply health = awaitReply(http, "/healthz", r -> r.status() == 503);
            assertThat(health.json().get("status").asText()).isEqualTo("unavailable");
            assertThat(health.json().get("reason").asText()).isEqualTo("starting");
            assertThat(starting).isNotDone();
            MonitorClient.Reply varz = http.get("/varz");
            assertThat(varz.status()).as(varz.body()).isEqualTo(503);
            assertThat(varz.json().get("error").asText()).isEqualTo("unavailable");

            assertThatThrownBy(() -> starting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ServerStartException.class);
            // The failed start closed the monitoring port with everything else.
            assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(ConnectException.class);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void drainRefusesNewWorkFinishesCallsInFlightAndKeepsConnections() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).monitorPort(0).build());
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            MonitorClient http = MonitorClient.plain(server.monitorPort());
            publisher.hello("json");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            caller.send(new Deliver(1, "svc", "m", 20_000, null));
            Deliver inFlight = publisher.expect(Deliver.class);

            MonitorClient.Reply drained = http.post("/admin/drain");
            assertThat(drained.status()).isEqualTo(202);
            assertThat(drained.json().get("status").asText()).isEqualTo("draining");
            MonitorClient.Reply health = http.get("/healthz");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("reason").asText()).isEqualTo("draining");
            MonitorEndpointsTest.example("healthz_draining", health);
            assertThat(http.get("/healthz?ready").status()).isEqualTo(503);
            assertThat(http.get("/healthz?live").status()).isEqualTo(200);

            caller.send(new Deliver(2, "svc", "m", 20_000, null));
            Result refused = caller.expect(Result.class);
            assertThat(refused.id()).isEqualTo(2);
            assertThat(refused.code()).isEqualTo(ResultCode.SHUTTING_DOWN);
            caller.send(new Publish(3, "late", List.of("m"), null, null));
            assertThat(caller.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.SHUTTING_DOWN);

            publisher.send(Result.ok(inFlight.id(), null));
            Result finished = caller.expect(Result.class);
            assertThat(finished.id()).isEqualTo(1);
            assertThat(finished.code()).isEqualTo(ResultCode.OK);
            // The connections stay: the caller is still served (and still refused new calls).
            caller.send(new Deliver(4, "svc", "m", 20_000, null));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.SHUTTING_DOWN);
            assertThat(server.isShuttingDown()).isFalse();
        }
    }

    @Test
    void shuttingDownUntilTheLastCallEndsThenTheMonitoringPortCloses() throws Exception {
        SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .shutdownGraceMs(20_000)
                .build());
        try (TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            MonitorClient http = MonitorClient.plain(server.monitorPort());
            publisher.hello("json");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            caller.send(new Deliver(1, "svc", "m", 30_000, null));
            Deliver inFlight = publisher.expect(Deliver.class);

            MonitorClient.Reply accepted = http.post("/admin/shutdown");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.json().get("status").asText()).isEqualTo("shutting down");
            MonitorClient.Reply health = awaitReply(http, "/healthz", r -> r.status() == 503);
            assertThat(health.json().get("reason").asText()).isEqualTo("shutting down");

            publisher.send(Result.ok(inFlight.id(), null));
            assertThat(caller.await(Result.class).code()).isEqualTo(ResultCode.OK);
            server.shutdown().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThatThrownBy(() -> http.get("/healthz")).isInstanceOf(IOException.class);
        } finally {
            server.close();
        }
    }

    @Test
    void storeFailingWhileItsWritesFailAndHealthyAgainAfter() throws Exception {
        Path data = dir.resolve("data");
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .monitorPort(0)
                        .store(StoreSettings.sqliteFile(data))
                        .build());
                TestPeer client = TestPeer.text(server.tcpPort())) {
            MonitorClient http = MonitorClient.plain(server.monitorPort());
            client.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"registrar\"}");
            assertThat(client.nextLine()).contains("\"type\":\"welcome\"");
            assertThat(http.get("/healthz").status()).isEqualTo(200);
            assertThat(http.get("/storez").json().get("location").asText()).endsWith("switchboard.db");

            // Another process holds the database's write lock: the store's writes fail after its busy timeout.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("switchboard.db"));
                    Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 0");
                statement.execute("BEGIN EXCLUSIVE");
                client.writeLine(register(1));
                assertThat(client.nextLine()).contains("\"type\":\"error\"").contains("\"code\":\"internal\"");
                MonitorClient.Reply failing = http.get("/healthz");
                assertThat(failing.status()).isEqualTo(503);
                assertThat(failing.json().get("reason").asText()).startsWith("store failing: ");
                MonitorEndpointsTest.example("healthz_store_failing", failing);
                assertThat(http.get("/storez").json().get("failing").asText()).isNotBlank();
                statement.execute("ROLLBACK");
            }
            client.writeLine(register(2));
            assertThat(client.nextLine()).contains("\"type\":\"registered\"");
            assertThat(http.get("/healthz").status()).isEqualTo(200);
        }
    }

    private static String register(int req) {
        return "{\"type\":\"register\",\"req\":" + req
                + ",\"name\":\"inventory\",\"endpoints\":[\"tcp://10.0.0.5:9000\"],\"ttl_ms\":60000}";
    }

    private static MonitorClient.Reply awaitReply(
            MonitorClient http, String path, Predicate<MonitorClient.Reply> wanted) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        MonitorClient.Reply last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                last = http.get(path);
                if (wanted.test(last)) {
                    return last;
                }
            } catch (ConnectException notYet) {
                // not bound yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no wanted answer from " + path + " within " + DEADLINE + "; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
