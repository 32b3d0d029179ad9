package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void releaseIsSafeTwiceAndAReleasedDeliveryNeverReachesTheBean() throws Exception {
        TestEndpointFactory factory = new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
        Delivery delivery = new Delivery(factory, SessionDispatch.of(Shop.class,
                ActivationSettings.of(InboundBed.spec("shop"), "tcp://127.0.0.1:1")), null, () -> { });
        delivery.release();
        delivery.release();
        delivery.run();
        assertThat(delivery.result()).isCompletedExceptionally();
        assertThat(factory.log.created.get()).as("no endpoint").isZero();
    }

    @Test
    void theContainersRefusalWhileItStopsTheBeanIsRecognisedThroughWrappers() {
        assertThat(Delivery.stopping(new EJBException(new org.jboss.as.ejb3.component
                .EJBComponentUnavailableException("WFLYEJB0421")))).isTrue();
        assertThat(Delivery.stopping(new EJBException("WFLYEJB0034: invocation failed"))).isFalse();
    }

    @Test
    void theCallerReadsTheBeansOwnExceptionNotTheContainersWrapper() {
        IllegalStateException own = new IllegalStateException("out of stock");
        assertThat(Delivery.beanFailure(new EJBException(new InvocationTargetException(own)))).isSameAs(own);
        Exception checked = new Exception("not today");
        assertThat(Delivery.beanFailure(checked)).isSameAs(checked);
    }
}
