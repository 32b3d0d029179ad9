package io.switchboard.client.internal;

import io.switchboard.client.WelcomeBack;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Joins the parts of a welcome-back (the server sends at most 1000 lines per event) into one. Parts arrive in a
 * row on one connection; a part from another connection (the client reconnected mid-way) starts afresh, since
 * the server sends a whole new welcome-back after every publish.
 */
final class WelcomeBackAssembly {

    private Object connection;
    private final List<WelcomeBack.Entry> lines = new ArrayList<>();
    private final List<WelcomeBack.Entry> disconnected = new ArrayList<>();

    /** Adds a part that came on {@code from}; the whole welcome-back once this was its last part. */
    synchronized Optional<WelcomeBack> add(Object from, WelcomeBackPart part) {
        if (connection != from) {
            connection = from;
            lines.clear();
            disconnected.clear();
        }
        lines.addAll(part.lines());
        disconnected.addAll(part.disconnected());
        if (part.more()) {
            return Optional.empty();
        }
        WelcomeBack whole = new WelcomeBack(part.frontDoor(), part.reason(), lines, disconnected);
        connection = null;
        lines.clear();
        disconnected.clear();
        return Optional.of(whole);
    }
}
