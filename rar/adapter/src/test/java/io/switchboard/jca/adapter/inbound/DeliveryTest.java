package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void releaseIsSafeTwiceAndAReleasedDeliveryNeverReachesTheBean() throws Exception {
        TestEndpointFactory factory = new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
        CountingOwner owner = new CountingOwner();
        Delivery delivery = new Delivery(
                factory,
                SessionDispatch.of(
                        Shop.class,
                        ActivationSettings.of(InboundBed.spec("shop"), InboundBed.adapterAt("tcp://127.0.0.1:1"))),
                null,
                0,
                owner);
        owner.watch(delivery);
        delivery.release();
        delivery.release();
        delivery.run();
        assertThat(delivery.result()).isCompletedExceptionally();
        assertThat(factory.log.created.get()).as("no endpoint").isZero();
        assertThat(owner.finished).hasValue(1);
        assertThat(owner.outcomes).containsExactly(ActivationCounters.Outcome.REFUSED_STOPPING);
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

    @Test
    void aRollbackReasonIsTheBeansExceptionAlsoWhenTheContainerHandsItOverOnlyAsAfterDeliverysRootCause() {
        IllegalStateException own = new IllegalStateException("ledger closed for fees");
        // WildFly: the bean's exception arrives wrapped in the invocation's EJBException.
        assertThat(Delivery.rollbackReason(Delivery.beanFailure(new EJBException(own)), null))
                .isEqualTo("ledger closed for fees");
        // GlassFish: the invocation throws a causeless EJBException of the container's own; afterDelivery's failure
        // carries the bean's exception as its root cause.
        EJBException containers = new EJBException("Transaction Attribute not found for method refuse");
        EJBException afterDelivery = new EJBException("Transaction aborted", new RuntimeException("rolled back", own));
        assertThat(Delivery.rollbackReason(Delivery.beanFailure(containers), afterDelivery))
                .isEqualTo("ledger closed for fees");
        assertThat(Delivery.rollbackReason(null, null)).isEqualTo("the bean marked it rollback-only");
        assertThat(Delivery.rollbackReason(null, new IllegalStateException("commit failed")))
                .isEqualTo("commit failed");
    }
}
