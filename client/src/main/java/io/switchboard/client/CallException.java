package io.switchboard.client;

import io.switchboard.protocol.ResultCode;

/**
 * A call ended with a result other than {@code ok}: the publisher's handler failed, the deadline passed,
 * no session or method by that name, and so on. {@link #code()} says which.
 */
public class CallException extends SwitchboardException {

    private final ResultCode code;

    public CallException(ResultCode code, String message) {
        super(code.wireName() + ": " + message);
        this.code = code;
    }

    /** The outcome the server (or, for a deadline that passed unanswered, the client) reported. */
    public ResultCode code() {
        return code;
    }
}
