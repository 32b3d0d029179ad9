package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.frontdoor.LineListener;
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
        boolean lines = LineListener.class.isAssignableFrom(endpointClass);
        if ((listener ? 1 : 0) + (annotated ? 1 : 0) + (lines ? 1 : 0) > 1) {
            throw new ResourceException(endpointClass.getName() + " implements more than one of "
                    + SessionListener.class.getSimpleName() + ", " + CallMethods.class.getSimpleName() + " and "
                    + LineListener.class.getSimpleName() + "; a message-driven bean of the Switchboard adapter"
                    + " implements one of them");
        }
        if (listener) {
            return ListenerDispatch.of(settings);
        }
        if (annotated) {
            return AnnotatedDispatch.of(endpointClass, settings);
        }
        if (lines) {
            return LineDispatch.of(settings);
        }
        throw new ResourceException(endpointClass.getName() + " implements none of " + SessionListener.class.getName()
                + ", " + CallMethods.class.getName() + " and " + LineListener.class.getName());
    }
}
