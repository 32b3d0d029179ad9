package io.switchboard.it;

import static io.switchboard.it.Fixtures.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.RegisterOptions;
import io.switchboard.client.RequestException;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.Ticket;
import io.switchboard.client.UnauthorizedException;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication and permissions over real sockets: one server with an auth-users file, clients logging in as its
 * users, and hand-written peers for what the client never sends (bad credentials of every shape, forged RESULTs,
 * SHUTDOWN).
 */
class AuthTest {

    @TempDir
    static Path dir;

    private static SwitchboardServer server;
    private static final ExecutorService handlers = Executors.newFixedThreadPool(4);

    static final String USERS = """
            users:
              - name: inventory
                password: "%s"
                permissions:
                  publish: { allow: ["inventory.>"] }
                  call: { allow: [">"], deny: ["secret.>"] }
                  subscribe: { allow: [">"] }
              - name: shop
                password: "%s"
                permissions:
                  call: { allow: ["inventory.*", "shop.>"] }
                  subscribe: { allow: ["inventory.>"] }
                  register: { allow: ["shop.>"] }
                  resolve: { allow: ["shop.*"] }
              - name: rival
                password: "%s"
                permissions:
                  publish: ["rival.>"]
                  register: { allow: [">"], deny: ["shop.>"] }
              - name: ci-bot
                token-sha256: "%s"
                permissions: { admin: true, call: { allow: [">"] } }
              - name: guest
                password: "%s"
            default-permissions:
              call: { allow: ["inventory.*"] }
            """;

    @BeforeAll
    static void start() throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(
                users,
                USERS.formatted(
                        hash("inv-secret"),
                        hash("shop-secret"),
                        hash("rival-secret"),
                        sha256("ci-token"),
                        hash("guest-secret")));
        server = SwitchboardServer.start(
                Fixtures.serverConfig().authUsers(UsersFile.read(users)).build());
    }

    @AfterAll
    static void stop() {
        handlers.shutdownNow();
        server.close();
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(10, password.toCharArray());
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static ClientOptions.Builder as(String user, String password) {
        return Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON).user(user, password);
    }

    private static SwitchboardClient login(String user, String password) {
        return SwitchboardClient.connect(as(user, password).build());
    }

    /** inventory publishes {@code alias} with method {@code get} answering "real". */
    private static void publishGet(SwitchboardClient client, String alias) {
        client.publish(PublishOptions.builder(alias).methods(List.of("get")).build(), call -> "real", handlers);
    }

    // ---- authentication ----

    @Test
    void aWrongPasswordFailsTheConnectUnauthorizedAndIsNotRetried() throws Exception {
        NotConnectedException refused =
                catchThrowableOfType(NotConnectedException.class, () -> login("inventory", "not-the-password"));
        assertThat(refused.getCause()).isInstanceOf(UnauthorizedException.class);
        assertThat(((UnauthorizedException) refused.getCause()).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refused.getMessage()).contains("unauthorized");
        // Reconnecting is on, yet no second attempt comes: the failure count stays where the refusal left it.
        long after = server.stats().authFailures();
        Thread.sleep(500);
        assertThat(server.stats().authFailures()).isEqualTo(after);
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAWrongPasswordAfterTheSameDelay() throws Exception {
        JsonNode wrong = refusal("{\"user\":\"inventory\",\"password\":\"nope\"}");
        JsonNode unknown = refusal("{\"user\":\"nobody\",\"password\":\"nope\"}");
        assertThat(unknown).isEqualTo(wrong);
        assertThat(wrong.path("code").asText()).isEqualTo("unauthorized");
        assertThat(wrong.path("message").asText()).doesNotContain("nope").doesNotContain("nobody");
    }

    /** Sends a HELLO with {@code credentials}; the ERROR, checked to come no sooner than the refusal delay. */
    private static JsonNode refusal(String credentials) throws Exception {
        try (TextPeer peer = new TextPeer(server.tcpPort())) {
            long start = System.nanoTime();
            peer.send(TextPeer.hello(credentials));
            JsonNode error = peer.read();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(tookMs)
                    .as("a refusal never comes before the constant delay")
                    .isGreaterThanOrEqualTo(180);
            assertThat(peer.closedByServer()).isTrue();
            return error;
        }
    }

    @Test
    void aHelloWithoutCredentialsIsUnauthorized() throws Exception {
        assertThat(refusal(null).path("code").asText()).isEqualTo("unauthorized");
        assertThat(refusal("{\"user\":\"inventory\"}").path("code").asText()).isEqualTo("unauthorized");
        assertThat(refusal("{\"token\":\"wrong\"}").path("code").asText()).isEqualTo("unauthorized");
        // A password user cannot log in with a token of its name, nor a token user with a password.
        assertThat(refusal("{\"user\":\"ci-bot\",\"password\":\"ci-token\"}")
                        .path("code")
                        .asText())
                .isEqualTo("unauthorized");
    }

    @Test
    void aTokenUserLogsInAndItsAdminPermissionAllowsShutdownWhereOthersAreForbidden() throws Exception {
        try (SwitchboardClient bot =
                        SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                                .token("ci-token")
                                .build());
                SwitchboardClient inventory = login("inventory", "inv-secret")) {
            publishGet(inventory, "inventory.bot");
            assertThat(bot.call("inventory.bot", "get", "x", String.class)).isEqualTo("real");
        }
        // SHUTDOWN from a user without admin: forbidden (the admin's own SHUTDOWN is ShutdownTest's business: it
        // would stop this shared server).
        try (TextPeer peer = new TextPeer(server.tcpPort())) {
            peer.send(TextPeer.hello("{\"user\":\"shop\",\"password\":\"shop-secret\"}"));
            assertThat(peer.readType("welcome")).isNotNull();
            peer.send("{\"type\":\"shutdown\",\"reason\":\"hijack\"}");
            JsonNode error = peer.readType("error");
            assertThat(error.path("code").asText()).isEqualTo("forbidden");
        }
        assertThat(server.isShuttingDown()).isFalse();
    }

    // ---- permissions ----

    @Test
    void publishIsAllowedOnlyWhereThePatternsSayAndNobodyJoinsAnotherUsersGroup() {
        try (SwitchboardClient inventory = login("inventory", "inv-secret");
                SwitchboardClient rival = login("rival", "rival-secret")) {
            publishGet(inventory, "inventory.stock");
            RequestException denied =
                    catchThrowableOfType(RequestException.class, () -> publishGet(inventory, "shop.orders"));
            assertThat(denied.code()).isEqualTo(ErrorCode.FORBIDDEN);
            // The hijack: rival may publish rival.> only, so it cannot join (and take calls of) inventory.stock.
            RequestException hijack =
                    catchThrowableOfType(RequestException.class, () -> publishGet(rival, "inventory.stock"));
            assertThat(hijack.code()).isEqualTo(ErrorCode.FORBIDDEN);
            publishGet(rival, "rival.box");
        }
    }

    @Test
    void callsAreCheckedBeforeTheAliasIsLookedUp() {
        try (SwitchboardClient inventory = login("inventory", "inv-secret");
                SwitchboardClient shop = login("shop", "shop-secret")) {
            publishGet(inventory, "inventory.levels");
            publishGet(inventory, "inventory.deep.levels");
            assertThat(shop.call("inventory.levels", "get", "x", String.class)).isEqualTo("real");
            // '*' is one segment: inventory.deep.levels is not inventory.*
            assertThat(codeOf(() -> shop.call("inventory.deep.levels", "get", "x", String.class)))
                    .isEqualTo(ResultCode.FORBIDDEN);
            // Not allowed and not published: forbidden, not no-such-session (nothing is revealed).
            assertThat(codeOf(() -> shop.call("secret.plans", "get", "x", String.class)))
                    .isEqualTo(ResultCode.FORBIDDEN);
            // Allowed but not published: the usual answer.
            assertThat(codeOf(() -> shop.call("inventory.nothing", "get", "x", String.class)))
                    .isEqualTo(ResultCode.NO_SUCH_SESSION);
            // Scatter-gather and async calls need call too.
            assertThat(codeOf(() -> shop.callAll("inventory.deep.levels", "get", "x", String.class)))
                    .isEqualTo(ResultCode.FORBIDDEN);
            assertThat(codeOf(() -> shop.tickets().submit("inventory.deep.levels", "get", "x")))
                    .isEqualTo(ResultCode.FORBIDDEN);
        }
    }

    @Test
    void denyBeatsAllow() {
        try (SwitchboardClient inventory = login("inventory", "inv-secret")) {
            publishGet(inventory, "inventory.own");
            assertThat(inventory.call("inventory.own", "get", "x", String.class))
                    .isEqualTo("real");
            // call: allow ">" but deny "secret.>"
            assertThat(codeOf(() -> inventory.call("secret.a", "get", "x", String.class)))
                    .isEqualTo(ResultCode.FORBIDDEN);
        }
    }

    @Test
    void aUserWithoutPermissionsOfItsOwnGetsTheDefaults() {
        try (SwitchboardClient inventory = login("inventory", "inv-secret");
                SwitchboardClient guest = login("guest", "guest-secret")) {
            publishGet(inventory, "inventory.guests");
            assertThat(guest.call("inventory.guests", "get", "x", String.class)).isEqualTo("real");
            RequestException denied =
                    catchThrowableOfType(RequestException.class, () -> publishGet(guest, "inventory.mine"));
            assertThat(denied.code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void subscribeAndListShowOnlyWhatTheUserMaySubscribeTo() {
        try (SwitchboardClient inventory = login("inventory", "inv-secret");
                SwitchboardClient rival = login("rival", "rival-secret");
                SwitchboardClient shop = login("shop", "shop-secret")) {
            publishGet(inventory, "inventory.listed");
            publishGet(rival, "rival.hidden");
            List<String> seen = shop.list().stream().map(SessionInfo::alias).toList();
            assertThat(seen).contains("inventory.listed").doesNotContain("rival.hidden");
            assertThat(inventory.list().stream().map(SessionInfo::alias)).contains("rival.hidden");
            shop.subscribe("inventory.listed", change -> {}).close();
            RequestException denied =
                    catchThrowableOfType(RequestException.class, () -> shop.subscribe("rival.hidden", change -> {}));
            assertThat(denied.code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void registerAndResolveFollowTheirPermissions() {
        try (SwitchboardClient shop = login("shop", "shop-secret");
                SwitchboardClient rival = login("rival", "rival-secret")) {
            shop.registry()
                    .register(RegisterOptions.builder("shop.api")
                            .endpoint("tcp://127.0.0.1:1")
                            .build());
            assertThat(shop.registry().resolve("shop.api")).hasSize(1);
            // Registering over another user's name (rival: allow ">", deny "shop.>").
            RequestException hijack = catchThrowableOfType(
                    RequestException.class,
                    () -> rival.registry()
                            .register(RegisterOptions.builder("shop.api")
                                    .endpoint("tcp://127.0.0.1:2")
                                    .build()));
            assertThat(hijack.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(shop.registry().resolve("shop.api")).hasSize(1);
            RequestException notMine = catchThrowableOfType(
                    RequestException.class,
                    () -> shop.registry()
                            .register(RegisterOptions.builder("other.api")
                                    .endpoint("tcp://127.0.0.1:3")
                                    .build()));
            assertThat(notMine.code()).isEqualTo(ErrorCode.FORBIDDEN);
            // rival has no resolve permission at all.
            RequestException blind = catchThrowableOfType(
                    RequestException.class, () -> rival.registry().resolve("shop.api"));
            assertThat(blind.code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void aTicketIsFetchedOnlyByItsSubmitterOrByAUserThatMayCallItsAlias() throws Exception {
        try (SwitchboardClient inventory = login("inventory", "inv-secret")) {
            publishGet(inventory, "inventory.async");
            String ticket;
            try (SwitchboardClient shop = login("shop", "shop-secret")) {
                Ticket submitted = shop.tickets().submit("inventory.async", "get", "x");
                ticket = submitted.id();
                assertThat(submitted.result(String.class).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                        .isEqualTo("real");
            }
            try (SwitchboardClient rival = login("rival", "rival-secret")) {
                assertThat(codeOf(() -> rival.tickets().fetch(ticket, String.class, Duration.ZERO)))
                        .isEqualTo(ResultCode.FORBIDDEN);
                // Waiting fetches are checked too.
                assertThat(codeOf(() -> rival.tickets().fetch(ticket, String.class, Duration.ofMillis(200))))
                        .isEqualTo(ResultCode.FORBIDDEN);
            }
            try (SwitchboardClient shopAgain = login("shop", "shop-secret")) {
                assertThat(shopAgain.tickets().fetch(ticket, String.class, Duration.ZERO))
                        .isEqualTo("real");
            }
            // inventory may call every alias but secret.>: it may fetch.
            assertThat(inventory.tickets().fetch(ticket, String.class, Duration.ZERO))
                    .isEqualTo("real");
        }
    }

    @Test
    void aForgedResultFromAnotherConnectionNeverReachesTheCaller() throws Exception {
        CompletableFuture<String> release = new CompletableFuture<>();
        try (SwitchboardClient inventory = login("inventory", "inv-secret");
                SwitchboardClient shop = login("shop", "shop-secret");
                TextPeer forger = new TextPeer(server.tcpPort())) {
            inventory.publish(
                    PublishOptions.builder("inventory.slow")
                            .methods(List.of("get"))
                            .build(),
                    call -> release,
                    handlers);
            forger.send(TextPeer.hello("{\"user\":\"rival\",\"password\":\"rival-secret\"}"));
            assertThat(forger.readType("welcome")).isNotNull();
            CompletableFuture<String> answer = shop.callAsync("inventory.slow", "get", "x", String.class);
            Fixtures.await(
                    "the call reaches the publisher", () -> server.stats().outstandingDeliveries() == 1);
            for (int id = 0; id < 2_000; id++) {
                forger.send("{\"type\":\"result\",\"id\":" + id + ",\"code\":\"ok\",\"payload\":\"forged\"}");
            }
            forger.send("{\"type\":\"list\",\"req\":1}");
            assertThat(forger.readType("listing")).isNotNull(); // every forged RESULT was read by now
            assertThat(answer).isNotDone();
            release.complete("real");
            assertThat(answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("real");
        }
    }

    // ---- abuse ----

    @Test
    void tenThousandMalformedHellosLeaveTheServerServing() throws Exception {
        String huge = "x".repeat(200_000);
        List<String> shapes = List.of(
                TextPeer.hello("5"),
                TextPeer.hello("\"token\""),
                TextPeer.hello("[1,2]"),
                TextPeer.hello("{\"user\":[1],\"password\":{}}"),
                TextPeer.hello("{\"user\":\"inventory\",\"password\":null}"),
                TextPeer.hello("{\"user\":\"" + huge + "\",\"password\":\"p\"}"),
                TextPeer.hello("{\"user\":\"inventory\",\"password\":\"" + huge + "\"}"),
                TextPeer.hello("{\"token\":\"" + huge + "\"}"),
                TextPeer.hello("{\"user\":\"inventory\",\"password\":\"wrong\",\"token\":\"ci-token\"}"),
                TextPeer.hello("{\"\":\"\"}"),
                "{\"type\":\"hello\",\"version\":1,\"credentials\":{\"user\":\"a\"",
                "not json at all",
                TextPeer.hello("{\"user\":\"inventory\",\"password\":\"wrong\"}"));
        // Each peer waits for its answer; a flood of them on a loaded machine is slow, so the waits are long.
        ExecutorService peers = Executors.newFixedThreadPool(64);
        try {
            List<Future<String>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                String line = shapes.get(i % shapes.size());
                outcomes.add(peers.submit(() -> {
                    try (TextPeer peer = new TextPeer(server.tcpPort(), 6 * PATIENCE.toMillis())) {
                        peer.send(line);
                        JsonNode answer = peer.read();
                        return answer == null ? "closed" : answer.path("code").asText();
                    } catch (java.io.IOException e) {
                        return e + " for " + line.substring(0, Math.min(100, line.length()));
                    }
                }));
            }
            for (Future<String> outcome : outcomes) {
                // Each is refused: unauthorized for credentials, bad-request (or a close) for what is not a HELLO.
                assertThat(outcome.get(PATIENCE.toSeconds() * 30, TimeUnit.SECONDS))
                        .isIn("unauthorized", "bad-request", "frame-too-large", "handshake-required", "closed");
            }
        } finally {
            peers.shutdownNow();
        }
        try (SwitchboardClient inventory = login("inventory", "inv-secret");
                SwitchboardClient shop = login("shop", "shop-secret")) {
            publishGet(inventory, "inventory.after");
            assertThat(shop.call("inventory.after", "get", "x", String.class)).isEqualTo("real");
        }
    }

    private static ResultCode codeOf(Runnable call) {
        Throwable failure = catchThrowable(call::run);
        while (failure != null && !(failure instanceof CallException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        assertThat(failure).isInstanceOf(CallException.class);
        return ((CallException) failure).code();
    }
}
