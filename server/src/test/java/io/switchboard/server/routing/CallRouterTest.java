package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router alone, without sockets: connections on Netty's {@code EmbeddedChannel}, whose outbound messages are read
 * back as they were queued. Every test drives the seam the features use (interceptors, a keeper) or a routing rule.
 */
class CallRouterTest {

    private static final long MINUTE_MS = 60_000;

    private final HashedWheelTimer timer = new HashedWheelTimer();
    private final SessionDirectory directory = new SessionDirectory();
    private final ServerCounters counters = new ServerCounters();
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CallRouter router =
            new CallRouter(directory, counters, timer, shuttingDown::get, 30_000, MINUTE_MS, 1 << 20);
    private final SessionControl sessions = new SessionControl(directory, 1024, shuttingDown::get);

    @AfterEach
    void stopTimer() {
        timer.stop();
    }

    @Test
    void aCallGoesToThePublisherWithTheCallersNameAndItsResultComesBackUnderTheCallersId() {
        Peer publisher = publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer caller = peer("caller-app");

        router.deliver(caller.connection, new Deliver(7, "echo", "say", 0, CallMeta.NONE, json("\"hi\"")));
        Deliver delivered = publisher.next(Deliver.class);
        assertThat(delivered.alias()).isEqualTo("echo");
        assertThat(delivered.meta().caller()).isEqualTo("caller-app");
        assertThat(delivered.timeoutMs()).isBetween(29_000L, 30_000L);

        router.result(publisher.connection, Result.ok(delivered.id(), json("\"HI\"")));
        Result result = caller.next(Result.class);
        assertThat(result.id()).isEqualTo(7);
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("\"HI\"");
    }

    @Test
    void theRouterAnswersWhatCannotBeRouted() {
        publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer caller = peer("c");

        assertThat(refusal(caller, new Deliver(1, "nobody", "say", 0, CallMeta.NONE, json("1"))))
                .isEqualTo(ResultCode.NO_SUCH_SESSION);
        assertThat(refusal(caller, new Deliver(2, "echo", "shout", 0, CallMeta.NONE, json("1"))))
                .isEqualTo(ResultCode.UNKNOWN_METHOD);
        assertThat(refusal(caller, new Deliver(3, "", "say", 0, CallMeta.NONE, json("1"))))
                .isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(refusal(caller, new Deliver(4, "$lines", "send", 0, CallMeta.NONE, json("1"), true)))
                .isEqualTo(ResultCode.BAD_REQUEST);
        // No interceptor keeps tickets here, so an async call cannot be taken.
        assertThat(refusal(caller, new Deliver(5, "echo", "say", 0, CallMeta.NONE, json("1"), true)))
                .isEqualTo(ResultCode.BAD_REQUEST);
        shuttingDown.set(true);
        assertThat(refusal(caller, new Deliver(6, "echo", "say", 0, CallMeta.NONE, json("1"))))
                .isEqualTo(ResultCode.SHUTTING_DOWN);
    }

    @Test
    void sequentialCallsTakeTurnsAmongEquallyLoadedPublishers() {
        Peer first = publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer second = publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer third = publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer caller = peer("c");
        List<Peer> publishers = List.of(first, second, third);
        int[] calls = new int[3];

        for (int id = 1; id <= 30; id++) {
            router.deliver(caller.connection, new Deliver(id, "echo", "say", 0, CallMeta.NONE, json("1")));
            int took = -1;
            for (int p = 0; p < 3; p++) {
                Deliver d = publishers.get(p).poll(Deliver.class);
                if (d != null) {
                    took = p;
                    router.result(publishers.get(p).connection, Result.ok(d.id(), json("1")));
                }
            }
            assertThat(took).as("call %d was delivered", id).isNotNegative();
            calls[took]++;
            assertThat(caller.next(Result.class).id()).isEqualTo(id);
        }
        assertThat(calls).containsExactly(10, 10, 10);
    }

    @Test
    void aDuplicateIdOfACallStillInFlightIsRefusedAndTheFirstCallIsAnsweredOnce() {
        Peer publisher = publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer caller = peer("c");

        router.deliver(caller.connection, new Deliver(9, "echo", "say", 0, CallMeta.NONE, json("1")));
        Deliver first = publisher.next(Deliver.class);
        router.deliver(caller.connection, new Deliver(9, "echo", "say", 0, CallMeta.NONE, json("2")));
        Result refused = caller.next(Result.class);
        assertThat(refused.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(refused.message()).contains("id 9 is still in flight");
        assertThat(publisher.poll(Deliver.class))
                .as("the duplicate is not forwarded")
                .isNull();

        router.result(publisher.connection, Result.ok(first.id(), json("1")));
        assertThat(caller.next(Result.class).code()).isEqualTo(ResultCode.OK);
        // Answered, the id is free again.
        router.deliver(caller.connection, new Deliver(9, "echo", "say", 0, CallMeta.NONE, json("3")));
        assertThat(publisher.next(Deliver.class).payload()).isEqualTo(json("3"));
    }

    @Test
    void aLostPublishersIdempotentCallOfARerouteSessionGoesToAnotherPublisherOthersArePublisherLost() {
        Peer first = publisher("inv", SessionPolicy.REROUTE, List.of("levels", "reserve"), List.of("levels"));
        Peer caller = peer("c");
        router.deliver(caller.connection, new Deliver(1, "inv", "levels", 0, CallMeta.NONE, json("1")));
        router.deliver(caller.connection, new Deliver(2, "inv", "reserve", 0, CallMeta.NONE, json("2")));
        first.next(Deliver.class);
        first.next(Deliver.class);
        Peer second = publisher("inv", SessionPolicy.REROUTE, List.of("levels", "reserve"), List.of("levels"));

        router.connectionClosed(first.connection);

        Deliver rerouted = second.next(Deliver.class);
        assertThat(rerouted.method()).isEqualTo("levels");
        Result lost = caller.next(Result.class);
        assertThat(lost.id()).isEqualTo(2);
        assertThat(lost.code()).isEqualTo(ResultCode.PUBLISHER_LOST);
        router.result(second.connection, Result.ok(rerouted.id(), json("5")));
        assertThat(caller.next(Result.class).id()).isEqualTo(1);
    }

    @Test
    void anInterceptorSeesEveryCheckedCallAndMayAnswerInTheCallersPlace() {
        Peer publisher = publisher("echo", SessionPolicy.FAIL, List.of("say"), List.of());
        Peer caller = peer("c");
        List<Result> kept = new ArrayList<>();
        Caller keeper = new Caller() {
            @Override
            public Codec codec() {
                return Codec.JSON;
            }

            @Override
            public boolean isTextMode() {
                return false;
            }

            @Override
            public boolean isClosed() {
                return false;
            }

            @Override
            public void answer(Result result) {
                kept.add(result);
            }
        };
        List<String> seen = new ArrayList<>();
        router.intercept((call, destination, next) -> {
            seen.add(call.alias() + "." + call.method());
            if (call.method().equals("say") && call.payload().length > 3) {
                return Result.failure(call.callerId(), ResultCode.BAD_REQUEST, "too long for this test");
            }
            return next.proceed(call.async() ? call.keptBy(keeper) : call);
        });

        router.deliver(caller.connection, new Deliver(1, "nobody", "say", 0, CallMeta.NONE, json("1")));
        assertThat(caller.next(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
        assertThat(seen)
                .as("a call refused by the router's own checks reaches no interceptor")
                .isEmpty();

        router.deliver(caller.connection, new Deliver(2, "echo", "say", 0, CallMeta.NONE, json("12345")));
        assertThat(caller.next(Result.class).message()).isEqualTo("too long for this test");

        router.deliver(caller.connection, new Deliver(3, "echo", "say", 0, CallMeta.NONE, json("1"), true));
        Deliver asyncCall = publisher.next(Deliver.class);
        router.result(publisher.connection, Result.ok(asyncCall.id(), json("7")));
        assertThat(kept).singleElement().extracting(Result::id).isEqualTo(3L);
        assertThat(caller.poll(Result.class))
                .as("the interceptor's caller got the RESULT")
                .isNull();
        assertThat(seen).containsExactly("echo.say", "echo.say");
    }

    @Test
    void aKeeperTakesTheCallsOfASessionNobodyPublishesAndHearsWhenCapacityIsFree() {
        List<Call> held = new ArrayList<>();
        List<String> freed = new ArrayList<>();
        SessionDefinition inventory = new SessionDefinition("inv", List.of("reserve"), List.of(), SessionPolicy.HOLD);
        directory.keeper(new SessionKeeper() {
            @Override
            public Destination destination(String alias, boolean published) {
                return alias.equals("inv") && !published
                        ? new Destination() {
                            @Override
                            public boolean hasMethod(String method) {
                                return inventory.methods().contains(method);
                            }

                            @Override
                            public boolean forwardsAtOnce() {
                                return false;
                            }

                            @Override
                            public Result route(Call call) {
                                held.add(call);
                                return null;
                            }
                        }
                        : null;
            }

            @Override
            public SessionDefinition kept(String alias) {
                return alias.equals("inv") ? inventory : null;
            }

            @Override
            public Collection<SessionDefinition> keptSessions() {
                return List.of(inventory);
            }

            @Override
            public CompletableFuture<Void> published(SessionDefinition session) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean publisherLost(Call call, SessionPolicy policy) {
                return false;
            }

            @Override
            public void capacityFreed(String alias) {
                freed.add(alias);
            }
        });
        Peer caller = peer("c");

        router.deliver(caller.connection, new Deliver(1, "inv", "reserve", 0, CallMeta.NONE, json("1")));
        assertThat(held).singleElement().satisfies(call -> {
            assertThat(call.callerId()).isEqualTo(1);
            assertThat(call.meta().caller()).isEqualTo("c");
        });
        assertThat(refusal(caller, new Deliver(2, "inv", "count", 0, CallMeta.NONE, json("1"))))
                .isEqualTo(ResultCode.UNKNOWN_METHOD);
        assertThat(refusal(caller, new Deliver(3, "inv", "reserve", 0, CallMeta.NONE, json("1"), true)))
                .as("an async call is not kept: nobody publishes the session here")
                .isEqualTo(ResultCode.NO_SUCH_SESSION);
        assertThat(directory.listing())
                .singleElement()
                .satisfies(info -> assertThat(info.listedAway()).isTrue());

        Peer publisher = publisher("inv", SessionPolicy.HOLD, List.of("reserve"), List.of());
        assertThat(freed).containsExactly("inv"); // the publisher's arrival
        router.deliver(caller.connection, new Deliver(4, "inv", "reserve", 0, CallMeta.NONE, json("1")));
        router.result(
                publisher.connection, Result.ok(publisher.next(Deliver.class).id(), json("1")));
        assertThat(freed).containsExactly("inv", "inv"); // and its permit given back
    }

    private ResultCode refusal(Peer caller, Deliver deliver) {
        router.deliver(caller.connection, deliver);
        Result result = caller.next(Result.class);
        assertThat(result.id()).isEqualTo(deliver.id());
        return result.code();
    }

    private Peer publisher(String alias, SessionPolicy policy, List<String> methods, List<String> idempotent) {
        Peer peer = peer("publisher");
        sessions.publish(peer.connection, new Publish(1, alias, methods, idempotent, null, policy));
        assertThat(peer.next(Ack.class).req()).isEqualTo(1);
        return peer;
    }

    private static Peer peer(String name) {
        Peer peer = new Peer(new EmbeddedChannel());
        peer.connection.established(Codec.JSON, false, CallMeta.caller(name), false);
        return peer;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A connection whose written messages the test reads back in order. */
    private static final class Peer {
        final EmbeddedChannel channel;
        final Connection connection;

        Peer(EmbeddedChannel channel) {
            this.channel = channel;
            this.connection = new Connection(channel);
        }

        /** The next message written, which must be a {@code type}. */
        <T extends Message> T next(Class<T> type) {
            T message = poll(type);
            assertThat(message).as("a " + type.getSimpleName() + " was written").isNotNull();
            return message;
        }

        /** The next message written if there is one (it must then be a {@code type}), else null. */
        <T extends Message> T poll(Class<T> type) {
            channel.runPendingTasks();
            Object written = channel.readOutbound();
            if (written == null) {
                return null;
            }
            assertThat(written).isInstanceOf(type);
            return type.cast(written);
        }
    }
}
