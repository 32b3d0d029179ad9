package io.switchboard.server.frontdoor;

/** One event of a line, waiting or in flight: connect, input or disconnect. Immutable. */
final class LineEvent {

    enum Kind {
        CONNECT("connect"),
        INPUT("input"),
        DISCONNECT("disconnect");

        final String method;

        Kind(String method) {
            this.method = method;
        }
    }

    final Kind kind;
    /** The user's bytes, exactly as received (inputs only). */
    final byte[] input;

    final boolean binary;
    /** Milliseconds since the epoch (inputs only). */
    final long receivedAt;
    /** Why the line closed (disconnects only). */
    final String reason;
    /** Sent before to an instance that went away without answering. */
    final boolean redelivered;

    private LineEvent(Kind kind, byte[] input, boolean binary, long receivedAt, String reason, boolean redelivered) {
        this.kind = kind;
        this.input = input;
        this.binary = binary;
        this.receivedAt = receivedAt;
        this.reason = reason;
        this.redelivered = redelivered;
    }

    static LineEvent connect() {
        return new LineEvent(Kind.CONNECT, null, false, 0, null, false);
    }

    static LineEvent input(byte[] bytes, boolean binary, long receivedAt) {
        return new LineEvent(Kind.INPUT, bytes, binary, receivedAt, null, false);
    }

    static LineEvent disconnect(String reason) {
        return new LineEvent(Kind.DISCONNECT, null, false, 0, reason, false);
    }

    LineEvent asRedelivered() {
        return redelivered ? this : new LineEvent(kind, input, binary, receivedAt, reason, true);
    }

    /** Bytes this event holds in a buffer: the input; connect and disconnect count as none. */
    int bytes() {
        return input == null ? 0 : input.length;
    }
}
