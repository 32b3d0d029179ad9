package io.switchboard.server.routing;

import io.switchboard.protocol.message.Deliver;

/**
 * A session the server answers itself, under a reserved alias (one starting with {@code $}); e.g. a front
 * door's {@code $lines}. Runs on the caller's event loop and answers every call with exactly one RESULT.
 */
public interface BuiltInSession {

    /** The prefix that marks an alias as the server's own; clients may not PUBLISH such an alias. */
    char RESERVED_PREFIX = '$';

    void deliver(Connection caller, Deliver call);
}
