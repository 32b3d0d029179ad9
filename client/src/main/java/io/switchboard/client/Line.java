package io.switchboard.client;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One end user's connection to a front door, as the server describes it with every event.
 *
 * @param id            the line's opaque id; use it to send to or close the line ({@link Lines})
 * @param remoteAddress the user's address, {@code ip:port}
 * @param protocol      {@code tcp} or {@code websocket}
 * @param connectedAt   when the user connected
 * @param frontDoor     the name of the front door the user connected to
 * @param redelivered   whether this event was delivered before to an instance that went away without answering
 *                      it (always false in a {@link WelcomeBack})
 * @param attributes    what an application set on the line with {@link Lines#setAttributes}, as it was when the
 *                      server sent the event; empty when none; unmodifiable, in the order they were set
 */
public record Line(
        String id,
        String remoteAddress,
        String protocol,
        Instant connectedAt,
        String frontDoor,
        boolean redelivered,
        Map<String, String> attributes) {

    public Line {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(frontDoor, "frontDoor");
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A line without attributes. */
    public Line(
            String id,
            String remoteAddress,
            String protocol,
            Instant connectedAt,
            String frontDoor,
            boolean redelivered) {
        this(id, remoteAddress, protocol, connectedAt, frontDoor, redelivered, Map.of());
    }

    /** The attribute {@code name}, or null when the line has none of that name. */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
