package io.switchboard.jca.adapter.inbound;

/** Why a call did not reach the bean or did not complete there; the message is what the caller reads. */
final class DeliveryFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    DeliveryFailedException(String message) {
        super(message, null, false, false); // the caller sees the message only; no stack trace to fill
    }
}
