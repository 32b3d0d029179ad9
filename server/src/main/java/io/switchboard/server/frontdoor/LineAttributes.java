package io.switchboard.server.frontdoor;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small name/value strings an application keeps with a line ({@code $lines set-attributes}) and gets back
 * with every event and welcome-back, so what it knows about a user survives its own crash. Fixed bounds keep a
 * line's share of memory and of every event's headers small.
 */
final class LineAttributes {

    /** Most attributes one line holds. */
    static final int MAX_COUNT = 16;
    /** Longest attribute name, in UTF-8 bytes. */
    static final int MAX_NAME_BYTES = 64;
    /** Most bytes of all a line's names and values together, in UTF-8. */
    static final int MAX_TOTAL_BYTES = 4096;
    /** Each attribute travels in an event's headers as {@code attr.<name>}. */
    static final String HEADER_PREFIX = "attr.";

    private LineAttributes() {}

    /**
     * {@code current} with {@code changes} applied: a null value removes the attribute, any other sets it.
     *
     * @return a new unmodifiable map, in the order the attributes were first set
     * @throws IllegalArgumentException naming the bound broken; nothing is applied then
     */
    static Map<String, String> apply(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> next = new LinkedHashMap<>(current);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String name = change.getKey();
            int nameBytes = utf8(name);
            if (nameBytes == 0) {
                throw new IllegalArgumentException("an attribute name must not be empty");
            }
            if (nameBytes > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("attribute name '" + name.substring(0, 16) + "...' is " + nameBytes
                        + " UTF-8 bytes; the most is " + MAX_NAME_BYTES);
            }
            if (change.getValue() == null) {
                next.remove(name);
            } else {
                next.put(name, change.getValue());
            }
        }
        if (next.size() > MAX_COUNT) {
            throw new IllegalArgumentException(
                    "a line holds at most " + MAX_COUNT + " attributes; this would make " + next.size());
        }
        int total = 0;
        for (Map.Entry<String, String> attribute : next.entrySet()) {
            total += utf8(attribute.getKey()) + utf8(attribute.getValue());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw new IllegalArgumentException("a line's attributes take at most " + MAX_TOTAL_BYTES
                    + " UTF-8 bytes (names and values); this would make " + total);
        }
        return Collections.unmodifiableMap(next);
    }

    /** Puts each attribute into {@code headers} as {@code attr.<name>}. */
    static void addHeaders(Map<String, String> attributes, Map<String, String> headers) {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            headers.put(HEADER_PREFIX + attribute.getKey(), attribute.getValue());
        }
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
