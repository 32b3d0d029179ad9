package io.switchboard.jca.api.frontdoor;

import java.time.Instant;

/** One message a user sent: a text line or WebSocket text frame, or binary data. */
public interface LineInput {

    /** Whether the input is text (UTF-8); otherwise it is binary. */
    boolean isText();

    /** The text; for binary input, its bytes decoded as UTF-8 with replacement characters where invalid. */
    String text();

    /** The bytes as the user sent them (text as UTF-8). */
    byte[] bytes();

    /** When the server received it; older than the event's arrival when it waited for an instance. */
    Instant receivedAt();
}
