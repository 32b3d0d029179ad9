package io.switchboard.jca.api.frontdoor;

import java.util.List;

/** The lines an instance handles from now on, sent before their buffered events. */
public interface WelcomeBack {

    String frontDoor();

    /** {@code published}: this instance just published the handler alias; {@code moved}: lines of a lost instance. */
    String reason();

    /** Open lines this instance now handles. */
    List<Entry> lines();

    /** Lines whose user left while no instance could be told; their {@code onDisconnect} follows. */
    List<Entry> disconnected();

    /** True when more {@code onWelcomeBack} parts follow (a part lists at most 1000 lines). */
    boolean more();

    /** One line of a welcome-back. */
    interface Entry {

        Line line();

        /** Whether an instance already handled this line's {@code onConnect}; if not, it follows. */
        boolean announced();

        /** Inputs of this line dropped by the front door's overflow policy since its last delivered event. */
        long dropped();
    }
}
