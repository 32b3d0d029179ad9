package io.switchboard.server.held;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Listing.SessionInfo;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Session policies and held calls, against a SQLite file and PostgreSQL. */
class HeldCallsTest {

    private static final List<String> METHODS = List.of("reserve", "levels");
    private static final List<String> IDEMPOTENT = List.of("levels");

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("sqlite", (Function<Path, StoreSettings>) StoreSettings::sqliteFile),
                Arguments.of("postgresql", (Function<Path, StoreSettings>) dir -> TestPostgres.freshDatabase()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void callsMadeWhileThePublisherIsAwayAreDeliveredInArrivalOrderWhenItReturns(
            String kind, Function<Path, StoreSettings> store, @TempDir Path dir) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config(store.apply(dir)));
                TestPeer caller = peer(server)) {
            try (TestPeer first = publisher(server, SessionPolicy.HOLD)) {
                assertThat(session(list(caller), "inv").policy().wireName()).isEqualTo("hold");
            }
            assertThat(awaitAway(caller))
                    .isEqualTo(new SessionInfo(
                            "inv", List.of("levels", "reserve"), IDEMPOTENT, 0, SessionPolicy.HOLD, true));

            for (int i = 1; i <= 5; i++) {
                caller.send(new Deliver(i, "inv", "reserve", 20_000, json(String.valueOf(i))));
            }
            caller.send(new Deliver(6, "inv", "restock", 20_000, null));
            assertThat(caller.expect(Result.class))
                    .extracting(Result::id, Result::code)
                    .containsExactly(6L, ResultCode.UNKNOWN_METHOD);

            // The returning publisher names no policy: it joins the session as it was kept.
            try (TestPeer back = publisher(server, null)) {
                for (int i = 1; i <= 5; i++) {
                    Deliver held = back.expect(Deliver.class);
                    assertThat(text(held.payload())).isEqualTo(String.valueOf(i));
                    back.send(Result.ok(held.id(), json("\"done " + i + "\"")));
                }
                for (int i = 1; i <= 5; i++) {
                    Result result = caller.expect(Result.class);
                    assertThat(result.id()).isEqualTo(i);
                    assertThat(text(result.payload())).isEqualTo("\"done " + i + "\"");
                }
                assertThat(session(list(caller), "inv"))
                        .isEqualTo(new SessionInfo(
                                "inv", List.of("levels", "reserve"), IDEMPOTENT, 1, SessionPolicy.HOLD, null));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aHeldCallWhoseDeadlinePassesGetsTimeoutAndIsNotDeliveredLater(
            String kind, Function<Path, StoreSettings> store, @TempDir Path dir) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config(store.apply(dir)));
                TestPeer caller = peer(server)) {
            publisher(server, SessionPolicy.HOLD).close();
            awaitAway(caller);
            caller.send(new Deliver(1, "inv", "reserve", 200, json("1")));
            assertThat(caller.expect(Result.class))
                    .extracting(Result::id, Result::code)
                    .containsExactly(1L, ResultCode.TIMEOUT);
            try (TestPeer back = publisher(server, null)) {
                // Nothing waits: the next DELIVER the publisher sees is the call made now.
                caller.send(new Deliver(2, "inv", "reserve", 20_000, json("2")));
                Deliver next = back.expect(Deliver.class);
                assertThat(text(next.payload())).isEqualTo("2");
                back.send(Result.ok(next.id(), null));
                assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void heldCallsAndTheAwaySessionSurviveARestart(String kind, Function<Path, StoreSettings> store, @TempDir Path dir)
            throws Exception {
        ServerConfig config = config(store.apply(dir));
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer caller = peer(server)) {
            publisher(server, SessionPolicy.HOLD).close();
            awaitAway(caller);
            caller.send(new Deliver(1, "inv", "reserve", 60_000, json("1")));
            caller.send(new Deliver(2, "inv", "levels", 60_000, json("2")));
            caller.send(new Deliver(3, "inv", "reserve", 60_000, json("3")));
            caller.send(new Deliver(4, "inv", "reserve", 300, json("4"))); // expires while the server is down
            assertThat(caller.expect(Result.class))
                    .extracting(Result::id, Result::code)
                    .containsExactly(4L, ResultCode.TIMEOUT);
        }
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer caller = peer(server)) {
            assertThat(session(list(caller), "inv"))
                    .isEqualTo(new SessionInfo(
                            "inv", List.of("levels", "reserve"), IDEMPOTENT, 0, SessionPolicy.HOLD, true));
            // Their callers died with the old server; the calls are delivered all the same, in order, once.
            try (TestPeer back = publisher(server, null)) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Deliver held = back.expect(Deliver.class);
                    got.add(held.method() + " " + text(held.payload()));
                    back.send(Result.ok(held.id(), null));
                }
                assertThat(got).containsExactly("reserve 1", "levels 2", "reserve 3");
                caller.send(new Deliver(5, "inv", "reserve", 20_000, json("5")));
                Deliver next = back.expect(Deliver.class);
                assertThat(text(next.payload())).isEqualTo("5");
                back.send(Result.ok(next.id(), null));
                assertThat(caller.expect(Result.class).id()).isEqualTo(5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anotherPolicyIsRefusedWhilePublishedAndReplacesTheKeptSessionOnceNobodyPublishesIt(
            String kind, Function<Path, StoreSettings> store, @TempDir Path dir) throws Exception {
        ServerConfig config = config(store.apply(dir));
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer caller = peer(server)) {
            TestPeer first = publisher(server, SessionPolicy.HOLD);
            try (TestPeer other = peer(server)) {
                other.send(new Publish(1, "inv", METHODS, IDEMPOTENT, null, SessionPolicy.FAIL));
                ErrorMessage refused = other.expect(ErrorMessage.class);
                assertThat(refused.code()).isEqualTo(ErrorCode.METHOD_MISMATCH);
                assertThat(refused.message()).contains("policy 'hold'").contains("'fail'");
            }
            // An unknown policy can only be sent as raw text: the message types carry the policy typed.
            try (TestPeer text = TestPeer.text(server.tcpPort())) {
                text.hello();
                text.writeLine("{\"type\":\"publish\",\"req\":2,\"alias\":\"inv\",\"methods\":[\"levels\"],"
                        + "\"policy\":\"wait\"}");
                assertThat(text.expect(ErrorMessage.class).message())
                        .contains("unknown session policy 'wait' (fail, hold, reroute)");
            }
            // A RESCIND keeps the hold session, like a lost connection (clients rescind when they close).
            first.send(new Rescind(2, "inv"));
            assertThat(first.expect(Ack.class).req()).isEqualTo(2);
            assertThat(session(list(caller), "inv").listedAway()).isTrue();
            caller.send(new Deliver(1, "inv", "reserve", 20_000, json("1")));

            // Published with another policy, the alias is an ordinary session: the waiting call goes to it.
            TestPeer plain = peer(server);
            plain.send(new Publish(3, "inv", METHODS, IDEMPOTENT, null, SessionPolicy.FAIL));
            assertThat(plain.expect(Ack.class).req()).isEqualTo(3);
            Deliver waited = plain.expect(Deliver.class);
            plain.send(Result.ok(waited.id(), null));
            assertThat(caller.expect(Result.class))
                    .extracting(Result::id, Result::code)
                    .containsExactly(1L, ResultCode.OK);
            assertThat(session(list(caller), "inv").policy().wireName()).isEqualTo("fail");
            plain.close();
            first.close();
        }
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer caller = peer(server)) {
            assertThat(list(caller)).extracting(SessionInfo::alias).doesNotContain("inv");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aPublisherLostMidCallLosesNonIdempotentCallsAndHoldsIdempotentOnesAgain(
            String kind, Function<Path, StoreSettings> store, @TempDir Path dir) throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config(store.apply(dir)));
                TestPeer caller = peer(server)) {
            TestPeer first = publisher(server, SessionPolicy.HOLD);
            caller.send(new Deliver(1, "inv", "reserve", 20_000, json("1")));
            caller.send(new Deliver(2, "inv", "levels", 20_000, json("2")));
            first.expect(Deliver.class);
            first.expect(Deliver.class);
            first.close();
            // reserve may have run: publisher-lost. levels is idempotent: it waits for the next publisher.
            assertThat(caller.expect(Result.class))
                    .extracting(Result::id, Result::code)
                    .containsExactly(1L, ResultCode.PUBLISHER_LOST);
            try (TestPeer back = publisher(server, null)) {
                Deliver again = back.expect(Deliver.class);
                assertThat(again.method()).isEqualTo("levels");
                back.send(Result.ok(again.id(), json("7")));
                Result result = caller.expect(Result.class);
                assertThat(result.id()).isEqualTo(2);
                assertThat(result.code()).isEqualTo(ResultCode.OK);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theConfiguredPolicyAppliesWhenPublishNamesNoneAndFailIsTheDefault(
            String kind, Function<Path, StoreSettings> store, @TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .store(store.apply(dir))
                .sessionPolicies(SessionPolicies.parse("inv=hold"))
                .build();
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer caller = peer(server)) {
            publisher(server, null).close();
            assertThat(awaitAway(caller).policy().wireName()).isEqualTo("hold");

            // "plain" gets fail: an idempotent call lost with its publisher is publisher-lost, not rerouted.
            TestPeer plain = peer(server);
            plain.send(new Publish(1, "plain", METHODS, IDEMPOTENT, null));
            plain.expect(Ack.class);
            TestPeer spare = peer(server);
            spare.send(new Publish(1, "plain", METHODS, IDEMPOTENT, null));
            spare.expect(Ack.class);
            assertThat(session(list(caller), "plain").policy().wireName()).isEqualTo("fail");
            caller.send(new Deliver(1, "plain", "levels", 20_000, null));
            TestPeer got = firstDeliver(plain, spare);
            got.close();
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.PUBLISHER_LOST);
            plain.close();
            spare.close();
        }
    }

    private static TestPeer firstDeliver(TestPeer a, TestPeer b) throws InterruptedException {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (a.poll(java.time.Duration.ofMillis(20)) instanceof Deliver) {
                return a;
            }
            if (b.poll(java.time.Duration.ofMillis(20)) instanceof Deliver) {
                return b;
            }
        }
        throw new AssertionError("no publisher got the call within " + TestPeer.WAIT);
    }

    private static ServerConfig config(StoreSettings store) {
        return ServerConfig.builder().port(0).store(store).build();
    }

    private static TestPeer peer(SwitchboardServer server) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peer.hello("json");
        return peer;
    }

    private static TestPeer publisher(SwitchboardServer server, SessionPolicy policy) throws Exception {
        TestPeer peer = peer(server);
        peer.send(new Publish(1, "inv", METHODS, IDEMPOTENT, null, policy));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return peer;
    }

    private static long nextReq = 100;

    private static List<SessionInfo> list(TestPeer peer) throws Exception {
        long req = ++nextReq;
        peer.send(new ListSessions(req));
        Listing listing = peer.expect(Listing.class);
        assertThat(listing.req()).isEqualTo(req);
        return listing.sessions();
    }

    private static SessionInfo session(List<SessionInfo> sessions, String alias) {
        return sessions.stream()
                .filter(s -> s.alias().equals(alias))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session " + alias + " in " + sessions));
    }

    /** Waits until the server has seen the publisher go and lists "inv" as away. */
    private static SessionInfo awaitAway(TestPeer caller) throws Exception {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (true) {
            SessionInfo info = session(list(caller), "inv");
            if (info.listedAway() || System.nanoTime() > deadline) {
                assertThat(info.listedAway()).as("inv listed away").isTrue();
                return info;
            }
            Thread.sleep(10);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
