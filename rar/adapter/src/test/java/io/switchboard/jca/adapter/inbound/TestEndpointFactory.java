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

    TestEndpointFactory(Class<?> beanClass, Function<EndpointLifecycle, MessageEndpoint> endpoints) {
        this.beanClass = beanClass;
        this.endpoints = endpoints;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
        if (unavailable) {
            throw new UnavailableException("the bean is undeployed");
        }
        return endpoints.apply(new EndpointLifecycle(log));
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
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
