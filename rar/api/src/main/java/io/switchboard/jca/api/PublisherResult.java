package io.switchboard.jca.api;

/**
 * One publisher's answer to a scatter-gather call ({@link SwitchboardConnection#callAll}).
 *
 * @param publisher the server's id of the publisher's connection: distinct among the answers of one call
 * @param code      the outcome's result code as the protocol names it: {@code ok}, the publisher's
 *     {@code handler-error}, or the server's for that publisher ({@code timeout} when it had not answered by the
 *     call's deadline, {@code busy}, {@code publisher-lost})
 * @param message   for a failure, a sentence for people; empty for {@code ok}
 * @param value     for {@code ok}, the answer mapped to the result type (null when there was none); null otherwise
 * @param <T>       the result type
 */
public record PublisherResult<T>(long publisher, String code, String message, T value) {

    /** The code of a successful answer. */
    public static final String OK = "ok";

    public boolean isOk() {
        return OK.equals(code);
    }
}
