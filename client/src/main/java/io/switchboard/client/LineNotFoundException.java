package io.switchboard.client;

import io.switchboard.protocol.ResultCode;

/** A send to or close of a line that is not open (the user left, or the id is wrong): {@code no-such-line}. */
public class LineNotFoundException extends CallException {

    public LineNotFoundException(String message) {
        super(ResultCode.NO_SUCH_LINE, message);
    }
}
