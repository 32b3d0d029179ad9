package io.switchboard.client;

import java.util.List;

/**
 * Handles a front door's lines: the end users' connections the server holds for the application (see
 * {@code docs/front-door.md}). Published with {@link SwitchboardClient#handleFrontDoor}.
 *
 * <p>The server sends one event of a line at a time, in order: {@link #onConnect} first, then each
 * {@link #onInput}, {@link #onDisconnect} last; the next event of a line comes only after this handler returned
 * from the previous one. Different lines run in parallel. An event is delivered at least once: it is repeated
 * (with {@link Line#redelivered()}) only when the instance that held it went away without answering.
 *
 * <p>A method that throws answers the event {@code handler-error}: the server logs and counts it and goes on
 * with the line's next event (it does not retry). Throw {@link CallRefusedException} with {@code busy} to have
 * the server deliver the event again after a short pause.
 */
@FunctionalInterface
public interface FrontDoorHandler {

    /** The methods a front door's handler alias is published with. */
    List<String> METHODS = List.of("connect", "input", "disconnect", "welcome-back");

    /**
     * This instance starts handling lines: after it published the handler alias (also after every reconnect),
     * or when lines of a lost instance moved to it. The buffered events of those lines follow once this returns.
     */
    default void onWelcomeBack(WelcomeBack welcome) throws Exception {}

    /** A user connected. */
    default void onConnect(Line line) throws Exception {}

    /**
     * The user sent {@code input}. The value returned is sent to the same user, before the line's next event:
     * a {@code String} as text, a {@code byte[]} as binary, {@code null} sends nothing; a
     * {@link java.util.concurrent.CompletionStage} sends its value when it completes. Any other value is sent
     * as its compact JSON text.
     */
    Object onInput(Line line, LineInput input) throws Exception;

    /** The user left or the line was closed; {@code reason} says which. The line's last event. */
    default void onDisconnect(Line line, String reason) throws Exception {}
}
