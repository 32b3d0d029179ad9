package io.switchboard.jca.api.frontdoor;

/**
 * The message listener of a front door's handler: a message-driven bean implementing it publishes the handler
 * alias named by its {@code alias} activation property and receives the events of the front door's lines.
 *
 * <p>The server sends one event of a line at a time, in order: {@code onConnect} first, then each
 * {@code onInput}, {@code onDisconnect} last; lines proceed in parallel, up to {@code maxConcurrency}. Events of
 * a line that came while no instance was there (WildFly stopped, application redeployed) follow an
 * {@link #onWelcomeBack} that lists the open lines. An event is delivered at least once: it is repeated (with
 * {@link Line#redelivered()}) only when the instance that held it went away without answering.
 */
public interface LineListener {

    /** A user connected. */
    default void onConnect(Line line) {}

    /**
     * The user sent {@code input}. The value returned is sent to the same user: a {@code String} as text, a
     * {@code byte[]} as binary, {@code null} sends nothing, anything else as its JSON text.
     */
    Object onInput(Line line, LineInput input);

    /** The user left or the line was closed; {@code reason} says which. The line's last event. */
    default void onDisconnect(Line line, String reason) {}

    /**
     * This instance (re)starts handling lines: the open lines it now handles, and those whose user left while no
     * instance was there. Their buffered events follow. Large lists come in parts ({@link WelcomeBack#more()}).
     */
    default void onWelcomeBack(WelcomeBack welcome) {}
}
