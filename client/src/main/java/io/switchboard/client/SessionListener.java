package io.switchboard.client;

/**
 * Told about a subscribed session: first its state when the subscription is made ({@code PUBLISHED} or
 * {@code ABSENT}, again after every reconnect), then {@code RESCINDED} / {@code REPUBLISHED}. Runs on the client's
 * I/O thread: return quickly and never block there.
 */
@FunctionalInterface
public interface SessionListener {

    void onChange(SessionChange change);
}
