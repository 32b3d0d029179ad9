package io.switchboard.client;

/**
 * A list answer (LISTING, ENTRIES) arrived in more pages than {@link ClientOptions#maxListBytes()} allows: the server
 * is broken or hostile. Only that request fails; the pages held for it were dropped and the connection goes on.
 */
public class ListTooLargeException extends SwitchboardException {

    public ListTooLargeException(String message) {
        super(message);
    }
}
