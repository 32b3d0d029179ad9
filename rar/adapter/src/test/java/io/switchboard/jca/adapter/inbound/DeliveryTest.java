package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void theDrainerIsToldOnceJustBeforeTheAnswerGoesOut() {
        CountingOwner owner = new CountingOwner();
        Delivery delivery = new Delivery(null, null, new CallView(new ExpiredCall()), 0, owner);
        owner.watch(delivery);
        java.util.List<Boolean> answeredWhenTold = new java.util.ArrayList<>();
        delivery.run(() -> answeredWhenTold.add(delivery.result().isDone()));
        delivery.fail(ActivationCounters.Outcome.BEAN_FAILED, new IllegalStateException("too late"));
        assertThat(owner.outcomes).containsExactly(ActivationCounters.Outcome.REFUSED_EXPIRED);
        assertThat(answeredWhenTold)
                .as("told once, before the result completed (so a call sent right after finds it on its way back)")
                .containsExactly(false);
        assertThat(delivery.result()).isCompletedExceptionally();
    }

    @Test
    void theOwnerHearsACallIsOverBeforeItsResultCompletesAndOnlyOnce() throws Exception {
        CountingOwner owner = new CountingOwner();
        Delivery delivery = new Delivery(null, null, null, 0, owner);
        owner.watch(delivery);
        delivery.succeed("first");
        delivery.fail(ActivationCounters.Outcome.BEAN_FAILED, new IllegalStateException("too late"));
        assertThat(delivery.result()).isCompletedWithValue("first");
        assertThat(owner.finished).hasValue(1);
        assertThat(owner.outcomes)
                .as("counted once, as delivered")
                .containsExactly(ActivationCounters.Outcome.DELIVERED);
        assertThat(owner.resultDoneWhenFinished)
                .as("the RESULT is sent only after the count went down")
                .isFalse();
    }

    /** Counts finished() calls and whether the result had completed by the first. */
    private static final class CountingOwner implements Delivery.Owner {
        final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        volatile Boolean resultDoneWhenFinished;
        private Delivery delivery;

        void watch(Delivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public void finished() {
            if (finished.incrementAndGet() == 1) {
                resultDoneWhenFinished = delivery.result().isDone();
            }
        }

        @Override
        public void answered() {}

        @Override
        public void beanStopping() {}

        @Override
        public void redelivering() {}

        @Override
        public void ended(ActivationCounters.Outcome outcome) {
            outcomes.add(outcome);
        }

        final java.util.List<ActivationCounters.Outcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    @Test
    void theContainersRefusalWhileItStopsTheBeanIsRecognisedThroughWrappers() {
        assertThat(Delivery.stopping(new EJBException(
                        new org.jboss.as.ejb3.component.EJBComponentUnavailableException("WFLYEJB0421"))))
                .isTrue();
        assertThat(Delivery.stopping(new EJBException("WFLYEJB0034: invocation failed")))
                .isFalse();
    }

    @Test
    void theCallerReadsTheBeansOwnExceptionNotTheContainersWrapper() {
        IllegalStateException own = new IllegalStateException("out of stock");
        assertThat(Delivery.beanFailure(new EJBException(new InvocationTargetException(own))))
                .isSameAs(own);
        Exception checked = new Exception("not today");
        assertThat(Delivery.beanFailure(checked)).isSameAs(checked);
    }

    /** A call whose deadline has passed: the delivery answers it without an endpoint. */
    private static final class ExpiredCall implements io.switchboard.client.IncomingCall {
        @Override
        public String alias() {
            return "shop";
        }

        @Override
        public String method() {
            return "reserve";
        }

        @Override
        public String caller() {
            return "test";
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of();
        }

        @Override
        public java.time.Instant deadline() {
            return java.time.Instant.now().minusSeconds(1);
        }

        @Override
        public java.time.Duration remaining() {
            return java.time.Duration.ZERO;
        }

        @Override
        public byte[] payload() {
            return new byte[0];
        }

        @Override
        public <T> T payloadAs(Class<T> type) {
            throw new UnsupportedOperationException("an expired call is never read");
        }

        @Override
        public <T> T payloadAs(java.lang.reflect.Type type) {
            throw new UnsupportedOperationException("an expired call is never read");
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode payloadTree() {
            throw new UnsupportedOperationException("an expired call is never read");
        }
    }
}
