package io.switchboard.sample.inventory;

import jakarta.ejb.ApplicationException;

/**
 * A reservation the stock cannot serve: unknown article, quantity not positive, not enough left. An application
 * exception, so the container passes it on as it is (no system-error log, no rollback) and the caller gets its
 * message as a {@code handler-error}.
 */
@ApplicationException
public class StockException extends RuntimeException {

    public StockException(String message) {
        super(message);
    }
}
