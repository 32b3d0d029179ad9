package io.switchboard.client;

import java.time.Instant;
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
 */
public record Line(
        String id, String remoteAddress, String protocol, Instant connectedAt, String frontDoor, boolean redelivered) {

    public Line {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(frontDoor, "frontDoor");
    }
}
