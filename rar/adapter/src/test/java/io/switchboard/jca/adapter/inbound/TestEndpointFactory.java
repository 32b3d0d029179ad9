package io.switchboard.jca.adapter.inbound;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.util.function.Function;
import javax.transaction.xa.XAResource;

/**
 * The container's endpoint factory for one bean class. Endpoints are hand-written subclasses of the test beans that
 * also implement {@link MessageEndpoint}, the shape of the proxy a container builds for a no-methods listener.
 */
final class TestEndpointFactory implements MessageEndpointFactory {

    final EndpointLifecycle.Log log = new EndpointLifecycle.Log();
    private final Class<?> beanClass;
    private final Function<EndpointLifecycle, MessageEndpoint> endpoints;
    /** Refuse endpoints, as a container does while the bean is undeployed. */
    volatile boolean unavailable;
    /** Every bean method is container-managed REQUIRED: each delivery runs in a {@link TestTransaction}. */
    volatile boolean transacted;
    /** The transaction has other resources too: the adapter's is prepared, then committed in two phases. */
    volatile boolean twoPhase;
    /** A container that begins the transaction but does not enlist the adapter's XA resource. */
    volatile boolean ignoresXaResource;

    TestEndpointFactory(Class<?> beanClass, Function<EndpointLifecycle, MessageEndpoint> endpoints) {
        this.beanClass = beanClass;
        this.endpoints = endpoints;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        if (unavailable) {
            throw new UnavailableException("the bean is undeployed");
        }
        log.withXaResource.add(xaResource != null);
        TestTransaction transaction =
                transacted ? new TestTransaction(ignoresXaResource ? null : xaResource, log, twoPhase) : null;
        return endpoints.apply(new EndpointLifecycle(log, transaction));
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return transacted;
    }

    @Override
    public String getActivationName() {
        return beanClass.getSimpleName();
    }

    @Override
    public Class<?> getEndpointClass() {
        return beanClass;
    }
}
