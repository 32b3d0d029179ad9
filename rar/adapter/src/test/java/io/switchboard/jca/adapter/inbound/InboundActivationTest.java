package io.switchboard.jca.adapter.inbound;

import static io.switchboard.jca.adapter.inbound.InboundBed.PATIENCE;
import static io.switchboard.jca.adapter.inbound.InboundBed.await;
import static io.switchboard.jca.adapter.inbound.InboundBed.listed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.CallException;
import io.switchboard.client.CallOptions;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.adapter.TcpProxy;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Message endpoints publishing sessions on a real server, called by plain clients. */
class InboundActivationTest {

    private InboundBed bed;

    @BeforeEach
    void resetShop() {
        Shop.running.set(0);
        Shop.mostRunning.set(0);
        Shop.gate = new CountDownLatch(0);
    }

    @AfterEach
    void close() throws Exception {
        Shop.gate.countDown();
        if (bed != null) {
            bed.close();
        }
    }

    private static TestEndpointFactory shop() {
        return new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
    }

    private static TestEndpointFactory greeter() {
        return new TestEndpointFactory(Greeter.class, Greeter.Endpoint::new);
    }

    @Test
    void anAnnotatedBeanPublishesItsMethodsAndBindsTypedArguments() throws Exception {
        bed = InboundBed.start();
        TestEndpointFactory shop = shop();
        bed.activate(shop, InboundBed.spec("shop"));
        SwitchboardClient caller = bed.caller("till-7");
        await("shop is published", () -> listed(caller, "shop").isPresent());

        SessionInfo session = listed(caller, "shop").orElseThrow();
        assertThat(session.methods())
                .containsExactlyInAnyOrder("reserve", "total", "whoami", "fail", "count", "slow", "closing");
        assertThat(session.idempotent()).containsExactly("count");

        Shop.Reservation reservation =
                caller.call("shop", "reserve", new Shop.Order("apple", 3), Shop.Reservation.class);
        assertThat(reservation).isEqualTo(new Shop.Reservation("apple", 3, "apple-3"));
        int total =
                caller.call("shop", "total", List.of(new Shop.Order("a", 2), new Shop.Order("b", 5)), Integer.class);
        assertThat(total).as("a List<Order> parameter").isEqualTo(7);
        assertThat(caller.call("shop", "count", 41, Long.class))
                .as("a primitive parameter")
                .isEqualTo(41L);

        @SuppressWarnings("unchecked")
        Map<String, Object> whoami = caller.call(
                "shop",
                "whoami",
                null,
                Map.class,
                CallOptions.builder().header("x-trace", "t-1").build());
        assertThat(whoami)
                .containsEntry("caller", "till-7")
                .containsEntry("headers", Map.of("x-trace", "t-1"))
                .containsEntry("alias", "shop")
                .containsEntry("method", "whoami");

        assertThat(shop.log.breaches).isEmpty();
        assertThat(shop.log.before.get()).as("one delivery per call").isEqualTo(4);
        assertThat(shop.log.after.get()).isEqualTo(4);
        // The endpoint is released after the result goes out, so the caller can be ahead of the last release.
        await("every endpoint is released", () -> shop.log.released.get() == 4);
        assertThat(shop.log.created.get()).isEqualTo(4);
        assertThat(shop.log.methods).extracting(m -> m.getName()).contains("reserve", "total", "count", "whoami");
    }

    @Test
    void aBeanExceptionIsAHandlerErrorWithItsMessageAndUnknownMethodsNeverReachTheBean() throws Exception {
        bed = InboundBed.start();
        TestEndpointFactory shop = shop();
        bed.activate(shop, InboundBed.spec("shop"));
        SwitchboardClient caller = bed.caller("till");
        await("shop is published", () -> listed(caller, "shop").isPresent());

        assertThatThrownBy(() -> caller.call("shop", "fail", null, Void.class))
                .isInstanceOfSatisfying(CallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
                    assertThat(e.getMessage()).contains("out of stock").doesNotContain("at io.switchboard");
                });
        assertThatThrownBy(() -> caller.call("shop", "helper", null, String.class))
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.UNKNOWN_METHOD));
        assertThatThrownBy(() -> caller.call("shop", "reserve", "not an order", Shop.Reservation.class))
                .as("a payload that does not bind")
                .isInstanceOfSatisfying(
                        CallException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR));
        assertThat(shop.log.breaches).isEmpty();
        assertThat(shop.log.after.get()).isEqualTo(shop.log.before.get());
    }

    @Test
    void aGeneralListenerAnswersTheMethodsOfItsActivationProperty() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("greeter");
        spec.setMethods("greet, refuse,echo");
        TestEndpointFactory greeter = greeter();
        bed.activate(greeter, spec);
        SwitchboardClient caller = bed.caller("visitor");
        await("greeter is published", () -> listed(caller, "greeter").isPresent());

        assertThat(listed(caller, "greeter").orElseThrow().methods())
                .containsExactlyInAnyOrder("greet", "refuse", "echo");
        assertThat(caller.call("greeter", "greet", "bob", String.class)).isEqualTo("hello bob");
        assertThatThrownBy(() -> caller.call("greeter", "refuse", null, String.class))
                .isInstanceOfSatisfying(CallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
                    assertThat(e.getMessage()).contains("not today");
                });
        assertThat(greeter.log.methods).extracting(m -> m.getName()).containsOnly("onCall");
    }

    @Test
    void aHoldPolicyKeepsCallsMadeWhileTheBeanIsAwayAndDeliversThemWhenItIsBack() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("greeter");
        spec.setMethods("greet");
        spec.setPolicy("hold");
        TestEndpointFactory greeter = greeter();
        bed.activate(greeter, spec);
        SwitchboardClient caller = bed.caller("visitor");
        await("greeter is published", () -> listed(caller, "greeter").isPresent());
        assertThat(listed(caller, "greeter").orElseThrow().policy()).contains(SessionPolicy.HOLD);

        bed.adapter.endpointDeactivation(greeter, spec); // undeployed: the server keeps the session, away
        await(
                "greeter is listed away",
                () -> listed(caller, "greeter").orElseThrow().listedAway());
        CompletableFuture<String> held = caller.callAsync("greeter", "greet", "held bob", String.class);

        SwitchboardActivationSpec again = InboundBed.spec("greeter");
        again.setMethods("greet");
        again.setPolicy("hold");
        bed.activate(greeter(), again);
        assertThat(held.get(InboundBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("hello held bob");
    }

    @Test
    void aGeneralListenerWithoutMethodsFailsItsActivation() throws Exception {
        bed = InboundBed.start();
        assertThatThrownBy(() -> bed.activate(greeter(), InboundBed.spec("greeter")))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("methods");
    }

    @Test
    void neverMoreThanMaxConcurrencyCallsRunAndTheRestAreBusyNoneLost() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        spec.setMaxConcurrency(4);
        bed.activate(shop(), spec);
        SwitchboardClient caller = bed.caller("crowd");
        await("shop is published", () -> listed(caller, "shop").isPresent());
        Shop.gate = new CountDownLatch(1);

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(caller.callAsync("shop", "slow", null, String.class));
        }
        await("4 calls run in the bean", () -> Shop.running.get() == 4);
        await(
                "the other 16 are answered",
                () -> calls.stream().filter(CompletableFuture::isDone).count() == 16);
        Shop.gate.countDown();

        int ok = 0;
        int busy = 0;
        for (CompletableFuture<String> call : calls) {
            try {
                assertThat(call.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("done");
                ok++;
            } catch (ExecutionException e) {
                assertThat(e.getCause())
                        .isInstanceOfSatisfying(
                                CallException.class, c -> assertThat(c.code()).isEqualTo(ResultCode.BUSY));
                busy++;
            }
        }
        assertThat(ok).isEqualTo(4);
        assertThat(busy).isEqualTo(16);
        assertThat(Shop.mostRunning.get()).isEqualTo(4);
    }

    @Test
    void aCallerKeepingExactlyMaxConcurrencyInFlightIsNeverRefused() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        spec.setMaxConcurrency(4);
        bed.activate(shop(), spec);
        SwitchboardClient caller = bed.caller("pipeline");
        await("shop is published", () -> listed(caller, "shop").isPresent());

        // A new call the moment one is answered: the server may deliver it before the bean's thread has returned.
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(4);
        java.util.Queue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 3_000; i++) {
            assertThat(window.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            caller.callAsync("shop", "count", i, Long.class).whenComplete((v, e) -> {
                if (e != null) {
                    failures.add(e);
                }
                window.release();
            });
        }
        assertThat(window.tryAcquire(4, PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void activationSucceedsWhileTheServerIsDownAndPublishesOnceItIsUp() throws Exception {
        bed = InboundBed.withServerDown();
        bed.activate(shop(), InboundBed.spec("shop")); // returns: nothing to connect to yet
        bed.startServer();
        SwitchboardClient caller = bed.caller("early-bird");
        await("shop is published", () -> listed(caller, "shop").isPresent());
        assertThat(caller.call("shop", "count", 3, Long.class)).isEqualTo(3L);
    }

    @Test
    void aServerRestartRepublishesTheSession() throws Exception {
        bed = InboundBed.start();
        bed.activate(shop(), InboundBed.spec("shop"));
        SwitchboardClient caller = bed.caller("regular");
        await("shop is published", () -> listed(caller, "shop").isPresent());

        bed.stopServer();
        assertThatThrownBy(() -> caller.call("shop", "count", 1, Long.class))
                .as("a call during the outage fails, it does not hang")
                .isInstanceOf(io.switchboard.client.SwitchboardException.class);
        bed.startServer();
        await("shop is published again", () -> {
            try {
                return listed(caller, "shop").isPresent();
            } catch (RuntimeException notReconnectedYet) {
                return false;
            }
        });
        assertThat(caller.call("shop", "count", 2, Long.class)).isEqualTo(2L);
    }

    @Test
    void aLostActivationMovesOnToTheNextServerRatherThanBackToTheFirst() throws Exception {
        bed = InboundBed.start();
        try (SwitchboardServer second = SwitchboardServer.start(ServerConfig.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownGraceMs(200)
                        .build());
                TcpProxy toFirst = new TcpProxy(ServerUrl.parse(bed.url()).port())) {
            String secondUrl = "tcp://127.0.0.1:" + second.tcpPort();
            SwitchboardActivationSpec spec = InboundBed.spec("shop");
            spec.setServerUrls(toFirst.url() + "," + secondUrl);
            bed.activate(shop(), spec);
            SwitchboardClient onFirst = bed.caller("on-first");
            SwitchboardClient onSecond = bed.caller("on-second", secondUrl);
            await(
                    "shop is published on the first server",
                    () -> listed(onFirst, "shop").isPresent());
            assertThat(listed(onSecond, "shop")).isEmpty();

            // The first server stays up and reachable; only this connection to it is lost.
            toFirst.cut();

            await(
                    "shop is published on the second server",
                    () -> listed(onSecond, "shop").isPresent());
            assertThat(onSecond.call("shop", "count", 2, Long.class)).isEqualTo(2L);
            await(
                    "shop is gone from the first server",
                    () -> listed(onFirst, "shop").isEmpty());
        }
    }

    @Test
    void deactivationRescindsThenLetsCallsInProgressFinish() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        TestEndpointFactory shop = shop();
        bed.activate(shop, spec);
        SwitchboardClient caller = bed.caller("late");
        await("shop is published", () -> listed(caller, "shop").isPresent());
        Shop.gate = new CountDownLatch(1);
        CompletableFuture<String> first = caller.callAsync("shop", "slow", null, String.class);
        CompletableFuture<String> second = caller.callAsync("shop", "slow", null, String.class);
        await("both calls run", () -> Shop.running.get() == 2);

        CompletableFuture<Void> undeploy =
                CompletableFuture.runAsync(() -> bed.adapter.endpointDeactivation(shop, spec));
        await(
                "shop is rescinded while its calls run",
                () -> listed(caller, "shop").isEmpty());
        assertThat(undeploy).as("waiting for the calls in progress").isNotDone();
        Shop.gate.countDown();

        assertThat(first.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("done");
        assertThat(second.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("done");
        undeploy.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(shop.log.breaches).isEmpty();
        assertThat(shop.log.released.get()).isEqualTo(shop.log.created.get());
    }

    @Test
    void deactivationStopsWaitingAtTheDrainTimeoutAndTheCallerGetsPublisherLost() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        spec.setDrainTimeoutMillis(200L);
        TestEndpointFactory shop = shop();
        bed.activate(shop, spec);
        SwitchboardClient caller = bed.caller("late");
        await("shop is published", () -> listed(caller, "shop").isPresent());
        Shop.gate = new CountDownLatch(1);
        CompletableFuture<String> stuck = caller.callAsync("shop", "slow", null, String.class);
        await("the call runs", () -> Shop.running.get() == 1);

        bed.adapter.endpointDeactivation(shop, spec); // returns after the drain timeout, the call still running

        assertThatThrownBy(() -> stuck.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(CallException.class)
                .satisfies(
                        e -> assertThat(((CallException) e.getCause()).code()).isEqualTo(ResultCode.PUBLISHER_LOST));
        Shop.gate.countDown();
        await("the bean finished", () -> shop.log.released.get() == 1);
        assertThat(shop.log.breaches).isEmpty();
    }

    @Test
    void whenTheContainerStopsTheBeanCallsAreRefusedShuttingDownAndTheSessionIsRescinded() throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        TestEndpointFactory shop = shop();
        bed.activate(shop, spec);
        SwitchboardClient caller = bed.caller("unlucky");
        await("shop is published", () -> listed(caller, "shop").isPresent());

        assertThatThrownBy(() -> caller.call("shop", "closing", null, Void.class))
                .isInstanceOfSatisfying(CallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.SHUTTING_DOWN);
                    assertThat(e.getMessage()).contains("stopping").doesNotContain("WFLYEJB");
                });
        await(
                "shop is rescinded before the container deactivates it",
                () -> listed(caller, "shop").isEmpty());
        bed.adapter.endpointDeactivation(shop, spec); // what the container does next: returns at once
        assertThat(shop.log.breaches).isEmpty();
    }

    @Test
    void aSecondActivationOfTheSameAliasJoinsTheGroup() throws Exception {
        bed = InboundBed.start();
        bed.activate(shop(), InboundBed.spec("shop"));
        bed.activate(shop(), InboundBed.spec("shop"));
        SwitchboardClient caller = bed.caller("balancer");
        await(
                "both publish shop",
                () -> listed(caller, "shop").map(SessionInfo::publishers).orElse(0) == 2);
    }
}
