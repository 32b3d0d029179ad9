package io.switchboard.jca.api;

/** The publisher running the call went away before answering, and the method is not idempotent. */
public class PublisherLostException extends SwitchboardException {

    public static final String CODE = "publisher-lost";

    public PublisherLostException(String message) {
        super(CODE, message);
    }

    public PublisherLostException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
