package io.switchboard.server.routing;

import io.netty.util.Timeout;

/**
 * One call forwarded to one publisher and not yet answered. It lives in the publisher connection's
 * {@code outstanding} map; whoever removes it from there answers the caller, exactly once.
 */
final class Delivery {

    /** The server's id for the call on the publisher's connection. */
    final long id;
    /** The call as the caller made it (payload in the caller's codec), kept so that it can be rerouted. */
    final Call call;

    final Publication publication;
    /** False when the call was sent to this one publication on purpose (a front door's line): never rerouted. */
    final boolean reroutable;
    /** The deadline timer; set right after the delivery is stored, null only for an instant. */
    volatile Timeout timer;

    Delivery(long id, Call call, Publication publication, boolean reroutable) {
        this.id = id;
        this.call = call;
        this.publication = publication;
        this.reroutable = reroutable;
    }
}
