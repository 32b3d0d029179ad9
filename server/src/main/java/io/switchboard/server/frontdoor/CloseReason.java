package io.switchboard.server.frontdoor;

/**
 * Why the server closes a line: what the user is told ({@code closed: <text>} on tcp, a close frame with
 * {@code webSocketStatus} and the text on websocket) and the {@code reason} of the line's disconnect event.
 */
record CloseReason(String text, int webSocketStatus, String disconnectReason) {

    /** The disconnect reason when the user closed the line. */
    static final String BY_USER = "closed by user";

    static final CloseReason MESSAGE_TOO_LONG = limit("message too long", 1009);
    static final CloseReason INPUT_RATE_EXCEEDED = limit("input rate exceeded", 1008);
    static final CloseReason TOO_MANY_LINES = limit("too many lines", 1013);
    static final CloseReason INPUT_BUFFER_FULL = limit("input buffer full", 1008);
    static final CloseReason SERVER_SHUTTING_DOWN = limit("server shutting down", 1001);
    static final CloseReason TOO_MANY_LINES_FROM_ADDRESS = limit("too many lines from your address", 1008);
    static final CloseReason ADDRESS_RATE_EXCEEDED = limit("input rate of your address exceeded", 1008);
    static final CloseReason IDLE_TIMEOUT = limit("idle timeout", 1001);
    static final CloseReason NO_PONG = limit("no answer to ping", 1001);
    static final CloseReason PROTOCOL_ERROR = limit("protocol error", 1002);
    static final CloseReason INVALID_TEXT = limit("text message is not valid UTF-8", 1007);

    /** The reason an application's {@code close} gives when it names none. */
    static final String DEFAULT_APPLICATION_REASON = "goodbye";

    private static CloseReason limit(String text, int status) {
        return new CloseReason(text, status, text);
    }

    /**
     * Whether the server closed the line for a limit the user went over (logged as a refusal), not for its own
     * reasons (shutdown), silence (idle, no pong: housekeeping) or the application's or the user's choice.
     */
    boolean isRefusal() {
        return this == MESSAGE_TOO_LONG
                || this == INPUT_RATE_EXCEEDED
                || this == TOO_MANY_LINES
                || this == INPUT_BUFFER_FULL
                || this == TOO_MANY_LINES_FROM_ADDRESS
                || this == ADDRESS_RATE_EXCEEDED
                || this == PROTOCOL_ERROR
                || this == INVALID_TEXT;
    }

    static CloseReason byApplication(String reason) {
        return new CloseReason(reason, 1000, "closed by application: " + reason);
    }
}
