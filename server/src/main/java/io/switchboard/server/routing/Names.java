package io.switchboard.server.routing;

import io.switchboard.protocol.Protocol;
import java.nio.charset.StandardCharsets;

/** The rule for alias and method names: not empty, at most 255 UTF-8 bytes (they travel with a one-byte length). */
final class Names {

    private Names() {}

    /** @return why {@code name} is not acceptable as a {@code what}, or null when it is */
    static String problem(String name, String what) {
        if (name == null || name.isEmpty()) {
            return what + " must not be empty";
        }
        if (name.length() * 3 > Protocol.MAX_NAME_BYTES
                && name.getBytes(StandardCharsets.UTF_8).length > Protocol.MAX_NAME_BYTES) {
            return what + " is longer than " + Protocol.MAX_NAME_BYTES + " UTF-8 bytes";
        }
        return null;
    }
}
