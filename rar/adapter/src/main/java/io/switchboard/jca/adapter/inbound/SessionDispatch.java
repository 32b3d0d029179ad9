package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethods;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.reflect.Method;
import java.util.List;

/**
 * How calls reach one kind of message-driven bean: which methods its session has, and how a call invokes the
 * bean. Built and checked once per activation; a bean that cannot be served fails the deployment.
 */
interface SessionDispatch {

    /** The session's methods, as published. */
    List<String> methods();

    /** The subset that may be re-routed when a publisher is lost mid-call. */
    List<String> idempotentMethods();

    /** The bean method a call of session method {@code method} runs, for {@code beforeDelivery}. */
    Method listenerMethod(String method);

    /** Runs the call on the endpoint (between beforeDelivery and afterDelivery); returns the result payload. */
    Object invoke(MessageEndpoint endpoint, Call call) throws Exception;

    /** The dispatch for the bean class behind {@code endpointClass}, checked against the activation's settings. */
    static SessionDispatch of(Class<?> endpointClass, ActivationSettings settings) throws ResourceException {
        if (endpointClass == null) {
            throw new ResourceException("the container did not name the message-driven bean class of the activation"
                    + " of '" + settings.alias() + "'");
        }
        boolean listener = SessionListener.class.isAssignableFrom(endpointClass);
        boolean annotated = CallMethods.class.isAssignableFrom(endpointClass);
        if (listener && annotated) {
            throw new ResourceException(endpointClass.getName() + " implements both " + SessionListener.class
                    .getSimpleName() + " and " + CallMethods.class.getSimpleName() + "; a message-driven bean of the"
                    + " Switchboard adapter implements one of them");
        }
        if (listener) {
            return ListenerDispatch.of(settings);
        }
        if (annotated) {
            return AnnotatedDispatch.of(endpointClass, settings);
        }
        throw new ResourceException(endpointClass.getName() + " implements neither " + SessionListener.class.getName()
                + " nor " + CallMethods.class.getName());
    }
}
