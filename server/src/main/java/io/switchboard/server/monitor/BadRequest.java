package io.switchboard.server.monitor;

/** A client's mistake in a monitoring request: answered 400 {@code bad-request} with this message, never logged. */
final class BadRequest extends RuntimeException {

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
