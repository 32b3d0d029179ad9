package io.switchboard.jca.api.frontdoor;

import java.time.Instant;

/** One end user's connection to a front door, as the server describes it with every event. */
public interface Line {

    /** The line's opaque id; use it to send to or close the line. */
    String id();

    /** The user's address, {@code ip:port}. */
    String remoteAddress();

    /** {@code tcp} or {@code websocket}. */
    String protocol();

    Instant connectedAt();

    /** The name of the front door the user connected to. */
    String frontDoor();

    /** Whether this event was delivered before to an instance that went away without answering it. */
    boolean redelivered();
}
