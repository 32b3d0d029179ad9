package io.switchboard.jca.api.inbound;

/**
 * The general message listener: a message-driven bean implementing it answers every call delivered to the
 * session its activation publishes (alias and methods from the activation properties).
 */
public interface SessionListener {

    /**
     * Answers one call. The returned value is mapped to the result payload in the caller's format ({@code null}
     * or {@code void}-like answers mean an empty payload); a thrown exception becomes a {@code handler-error}
     * result with the exception's message.
     */
    Object onCall(Call call) throws Exception;
}
