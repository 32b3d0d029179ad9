package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class DeliveryTest {

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
}
