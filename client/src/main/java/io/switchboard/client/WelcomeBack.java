package io.switchboard.client;

import java.util.List;
import java.util.Objects;

/**
 * The lines a handler instance handles from now on, given before their buffered events. A welcome-back the
 * server sends in parts (at most 1000 lines each) reaches the {@link FrontDoorHandler} as one.
 *
 * @param frontDoor    the front door's name
 * @param reason       {@code published} (this instance just published the handler alias) or {@code moved} (lines
 *                     of an instance that went away were given to this one)
 * @param lines        the open lines this instance now handles
 * @param disconnected lines whose user left while no instance could be told; their {@code onDisconnect} follows
 */
public record WelcomeBack(String frontDoor, String reason, List<Entry> lines, List<Entry> disconnected) {

    public static final String PUBLISHED = "published";
    public static final String MOVED = "moved";

    public WelcomeBack {
        Objects.requireNonNull(frontDoor, "frontDoor");
        Objects.requireNonNull(reason, "reason");
        lines = List.copyOf(lines);
        disconnected = List.copyOf(disconnected);
    }

    /**
     * One line of a welcome-back.
     *
     * @param line      the line's metadata
     * @param announced whether an instance already handled this line's {@code onConnect}; if not, it follows
     * @param dropped   inputs of this line dropped by the front door's overflow policy since its last delivered
     *                  event
     */
    public record Entry(Line line, boolean announced, long dropped) {

        public Entry {
            Objects.requireNonNull(line, "line");
        }
    }
}
