package io.switchboard.jca.api.inbound;

/**
 * The marker message listener for annotated message-driven beans: it has no methods of its own (a
 * "no-methods listener interface", EJB 3.2 section 5.4.3). The bean's public methods annotated with
 * {@link CallMethod} become the session's methods.
 *
 * <p>The adapter reads the bean class once, at activation, and fails the deployment with a message naming the
 * method when a signature cannot be served (see {@link CallMethod} for the rules).
 */
public interface CallMethods {}
