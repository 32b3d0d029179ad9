package io.switchboard.arquillian.support.tx;

/**
 * Thrown by the bean after its submits: a system exception, so the container rolls the transaction back (and wraps
 * this in an {@code EJBException} for the caller).
 */
public class ForcedRollback extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ForcedRollback(String message) {
        super(message);
    }
}
