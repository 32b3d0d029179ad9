package io.switchboard.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The one rule for names on the wire (aliases, methods, registry names, the caller's name, header names): not empty,
 * at most {@value Protocol#MAX_NAME_BYTES} UTF-8 bytes, since binary frames carry them with a one-byte length. Aliases
 * starting with {@value #RESERVED_PREFIX} belong to the server.
 */
public final class Names {

    /** The prefix that marks an alias as the server's own (a front door's {@code $lines}). */
    public static final char RESERVED_PREFIX = '$';

    private Names() {}

    /**
     * @param what how the message names the field, e.g. {@code alias}
     * @return why {@code name} is not acceptable, as a sentence, or null when it is
     */
    public static String problem(String name, String what) {
        if (name == null || name.isEmpty()) {
            return what + " must not be empty";
        }
        // A UTF-8 char is at most 3 bytes per UTF-16 unit: short names (all real ones) skip the encoding.
        if (name.length() * 3 <= Protocol.MAX_NAME_BYTES) {
            return null;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Protocol.MAX_NAME_BYTES) {
            return what + " '" + abbreviate(name) + "' is " + bytes + " UTF-8 bytes; the most is "
                    + Protocol.MAX_NAME_BYTES;
        }
        return null;
    }

    /**
     * @return {@code name}, when acceptable
     * @throws IllegalArgumentException saying why it is not
     */
    public static String check(String name, String what) {
        String problem = problem(name, what);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return name;
    }

    /** Whether {@code alias} is one of the server's own (it starts with {@value #RESERVED_PREFIX}). */
    public static boolean isReserved(String alias) {
        return !alias.isEmpty() && alias.charAt(0) == RESERVED_PREFIX;
    }

    /** The start of a long name, for messages. */
    public static String abbreviate(String name) {
        return name.length() <= 40 ? name : name.substring(0, 37) + "...";
    }
}
