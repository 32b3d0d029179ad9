package io.switchboard.client;

/** The client was closed: requests made after {@link SwitchboardClient#close()}, or pending at the time, fail with this. */
public class ClientClosedException extends SwitchboardException {

    public ClientClosedException(String message) {
        super(message);
    }
}
