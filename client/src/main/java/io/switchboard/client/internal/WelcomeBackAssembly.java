package io.switchboard.client.internal;

import io.switchboard.client.WelcomeBack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins the parts of a welcome-back (the server sends at most 1000 lines per event) into one. A front door sends
 * its parts one after the other, but several front doors may share a handler alias and send theirs at the same
 * time, so parts are joined per front door. A part from another connection (the client reconnected mid-way)
 * starts afresh: the server sends a whole new welcome-back after every publish.
 */
final class WelcomeBackAssembly {

    private final Map<String, Partial> byFrontDoor = new HashMap<>();

    /** Adds a part that came on {@code from}; the whole welcome-back once this was its last part. */
    synchronized Optional<WelcomeBack> add(Object from, WelcomeBackPart part) {
        Partial partial = byFrontDoor.get(part.frontDoor());
        if (partial == null || partial.connection != from) {
            partial = new Partial(from);
            byFrontDoor.put(part.frontDoor(), partial);
        }
        partial.lines.addAll(part.lines());
        partial.disconnected.addAll(part.disconnected());
        if (part.more()) {
            return Optional.empty();
        }
        byFrontDoor.remove(part.frontDoor());
        return Optional.of(new WelcomeBack(part.frontDoor(), part.reason(), partial.lines, partial.disconnected));
    }

    private static final class Partial {
        final Object connection;
        final List<WelcomeBack.Entry> lines = new ArrayList<>();
        final List<WelcomeBack.Entry> disconnected = new ArrayList<>();

        Partial(Object connection) {
            this.connection = connection;
        }
    }
}
