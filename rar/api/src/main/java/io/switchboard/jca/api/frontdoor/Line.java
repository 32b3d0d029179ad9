package io.switchboard.jca.api.frontdoor;

import java.time.Instant;
import java.util.Map;

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

    /**
     * What an application set on the line ({@code SwitchboardConnection.setLineAttributes}), as it was when the
     * server sent the event: the server keeps it with the line, so it outlives the application. Unmodifiable;
     * empty when none.
     */
    default Map<String, String> attributes() {
        return Map.of();
    }

    /** The attribute {@code name}, or null when the line has none of that name. */
    default String attribute(String name) {
        return attributes().get(name);
    }
}
