package io.switchboard.server.auth;

import java.util.Arrays;

/**
 * A pattern over names split at {@code .} (as NATS subjects): {@code *} matches exactly one segment, {@code >} as
 * the last segment matches one or more segments, anything else matches itself. {@code inventory.>} matches
 * {@code inventory.stock} and {@code inventory.stock.eu}, not {@code inventory}; {@code >} alone matches every name.
 */
public final class NamePattern {

    private final String text;
    private final String[] segments;

    private NamePattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * @throws IllegalArgumentException saying why {@code text} is not a pattern (empty segments, {@code >} not last,
     *     a wildcard inside a segment)
     */
    public static NamePattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a pattern must not be empty");
        }
        String[] segments = text.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("pattern '" + text + "' has an empty segment");
            }
            if (segment.equals(">") && i != segments.length - 1) {
                throw new IllegalArgumentException("pattern '" + text + "': '>' may only be the last segment");
            }
            if (segment.length() > 1 && (segment.contains("*") || segment.contains(">"))) {
                throw new IllegalArgumentException(
                        "pattern '" + text + "': '*' and '>' stand for whole segments, not parts of one");
            }
        }
        return new NamePattern(text, segments);
    }

    /** Whether {@code name} matches; walks the name once, allocating nothing. */
    public boolean matches(String name) {
        int start = 0;
        int length = name.length();
        for (int i = 0; i < segments.length; i++) {
            if (start > length) {
                return false; // the name has fewer segments than the pattern
            }
            String segment = segments[i];
            if (segment.equals(">")) {
                return start < length;
            }
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = length;
            }
            boolean one = segment.equals("*")
                    ? end > start
                    : end - start == segment.length() && name.regionMatches(start, segment, 0, segment.length());
            if (!one) {
                return false;
            }
            start = end + 1;
        }
        return start > length; // every segment of the name was matched
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamePattern p && Arrays.equals(segments, p.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }
}
