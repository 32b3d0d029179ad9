package io.switchboard.server.frontdoor;

import java.util.Locale;
import java.util.Optional;

/** How users reach a front door. */
public enum FrontDoorProtocol {
    /** Raw TCP, one message per {@code \n}-terminated line. */
    TCP("tcp"),
    /** WebSocket text and binary messages on one HTTP path. */
    WEBSOCKET("websocket");

    private final String wireName;

    FrontDoorProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** The name in configuration and in the events' {@code protocol} header. */
    public String wireName() {
        return wireName;
    }

    public static Optional<FrontDoorProtocol> forName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (FrontDoorProtocol protocol : values()) {
            if (protocol.wireName.equals(wanted)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
