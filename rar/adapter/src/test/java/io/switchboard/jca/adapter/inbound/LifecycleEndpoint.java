package io.switchboard.jca.adapter.inbound;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.reflect.Method;

/**
 * What the container's proxy adds to a test bean: MessageEndpoint, reported to the bean's {@link EndpointLifecycle}.
 * Each test bean has a nested {@code Endpoint} that extends it and implements this.
 */
interface LifecycleEndpoint extends MessageEndpoint {

    EndpointLifecycle lifecycle();

    @Override
    default void beforeDelivery(Method method) {
        lifecycle().before(method);
    }

    @Override
    default void afterDelivery() {
        lifecycle().after();
    }

    @Override
    default void release() {
        lifecycle().release();
    }
}
