package io.switchboard.jca.api;

/** No session is published under the alias called. */
public class SessionNotFoundException extends SwitchboardException {

    public static final String CODE = "no-such-session";

    public SessionNotFoundException(String message) {
        super(CODE, message);
    }

    public SessionNotFoundException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
