package io.switchboard.client;

import io.switchboard.protocol.ErrorCode;

/**
 * The server refused the handshake {@code unauthorized}: the credentials (user and password, or token) are missing
 * or wrong. Trying again with the same ones is pointless, so the client does not retry; fix the credentials.
 */
public class UnauthorizedException extends RequestException {

    public UnauthorizedException(String message) {
        super(ErrorCode.UNAUTHORIZED, message);
    }
}
