package io.switchboard.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/** One message a user sent: a text line or WebSocket text frame, or binary data. Immutable. */
public final class LineInput {

    private final String text;
    private final byte[] bytes;
    private final Instant receivedAt;

    private LineInput(String text, byte[] bytes, Instant receivedAt) {
        this.text = text;
        this.bytes = bytes;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Text input (valid UTF-8 from the user). */
    public static LineInput text(String text, Instant receivedAt) {
        return new LineInput(Objects.requireNonNull(text, "text"), null, receivedAt);
    }

    /** Binary input; the array is copied. */
    public static LineInput binary(byte[] bytes, Instant receivedAt) {
        return new LineInput(null, Objects.requireNonNull(bytes, "bytes").clone(), receivedAt);
    }

    /** Whether the input is text; otherwise it is binary. */
    public boolean isText() {
        return text != null;
    }

    /** The text; for binary input, its bytes decoded as UTF-8 with replacement characters where invalid. */
    public String text() {
        return text != null ? text : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes as the user sent them (text as UTF-8); a fresh copy. */
    public byte[] bytes() {
        return text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes.clone();
    }

    /** When the server received it; earlier than the event's arrival when it waited for an instance. */
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String toString() {
        // User input may be private: its kind and size only.
        return "LineInput[" + (isText() ? "text, " + text.length() + " chars" : "binary, " + bytes.length + " bytes")
                + ", receivedAt=" + receivedAt + "]";
    }
}
