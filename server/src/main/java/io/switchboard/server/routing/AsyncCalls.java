package io.switchboard.server.routing;

import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;

/**
 * Takes the DELIVERs with the {@code ASYNC} flag once the router has checked them like any call (names, session,
 * method): it stores a ticket, answers TICKET and forwards the call with {@link CallRouter#forwardCall} for a
 * caller that keeps the outcome.
 */
public interface AsyncCalls {

    /**
     * @param meta          the caller's name and headers, as the publisher will see them
     * @param deadlineNanos the call's deadline ({@link System#nanoTime()}), counted from its arrival
     */
    void submit(Connection caller, Deliver call, CallMeta meta, long deadlineNanos);
}
