package io.switchboard.client;

import io.switchboard.protocol.message.SessionEvent;

/**
 * Told about a subscribed session: first its state when the subscription is made (PUBLISHED or ABSENT,
 * again after every reconnect), then RESCINDED / REPUBLISHED notifications. Runs on the client's I/O
 * thread: return quickly and never block there.
 */
@FunctionalInterface
public interface SessionListener {

    void onEvent(SessionEvent event);
}
