/**
 * Inbound: message-driven beans that publish a Switchboard session and answer the calls routed to it.
 *
 * <p>Two ways to write one. The general case implements {@link io.switchboard.jca.api.inbound.SessionListener}
 * and answers every method of the session in {@code onCall}; the session's methods come from the
 * {@code methods} activation property. The natural case implements the marker interface
 * {@link io.switchboard.jca.api.inbound.CallMethods} and annotates public methods with
 * {@link io.switchboard.jca.api.inbound.CallMethod}: those methods are the session, their parameters are bound
 * from the call's payload and their return value is the result.
 *
 * <p>Either way, a value returned becomes the {@code ok} result and an exception thrown becomes a
 * {@code handler-error} result carrying the exception's message (never its stack trace).
 */
package io.switchboard.jca.api.inbound;
