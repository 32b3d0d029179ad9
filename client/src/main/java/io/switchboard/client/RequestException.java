package io.switchboard.client;

import io.switchboard.protocol.ErrorCode;

/**
 * The server refused a control request (publish, rescind, subscribe, unsubscribe) or the handshake,
 * with an ERROR frame; {@link #code()} and the message are the server's.
 */
public class RequestException extends SwitchboardException {

    private final ErrorCode code;

    public RequestException(ErrorCode code, String message) {
        super(code.wireName() + ": " + message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
