package io.switchboard.jca.api;

import jakarta.ejb.ApplicationException;

/**
 * Base of every failure a Switchboard connection reports. Unchecked, and an EJB application exception, so
 * it reaches the bean's caller as itself (not wrapped in an {@code EJBException}) and does not roll back
 * the caller's transaction unless the caller decides so.
 */
@ApplicationException(inherited = true, rollback = false)
public class SwitchboardException extends RuntimeException {

    private final String code;

    public SwitchboardException(String code, String message) {
        super(message);
        this.code = code;
    }

    public SwitchboardException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * The outcome: a result code of the protocol ({@code timeout}, {@code no-such-session}, ...) or
     * {@code connection-failed} for a failure to reach the server.
     */
    public String code() {
        return code;
    }
}
