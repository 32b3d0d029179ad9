package io.switchboard.client;

/**
 * Answers the calls of a publication. The returned value becomes the call's {@code ok} payload (mapped with
 * the connection's payload mapper; {@code null} means an empty payload). A returned
 * {@link java.util.concurrent.CompletionStage} answers when it completes. A thrown exception (or a failed
 * stage) answers {@code handler-error} with the exception's message; the stack trace stays here. A
 * {@link CallRefusedException} answers its own code instead ({@code busy}, {@code shutting-down},
 * {@code bad-request}).
 */
@FunctionalInterface
public interface SessionHandler {

    Object handle(IncomingCall call) throws Exception;
}
