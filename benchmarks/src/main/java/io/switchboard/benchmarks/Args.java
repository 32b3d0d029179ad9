package io.switchboard.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --key=value} (or {@code --key value}) options of a workload, and bare {@code --flag}s (read with {@link #flag}). Each option is taken once with a fallback; {@link #rejectUnknown()}
 * then fails on anything left over, so a typo is an error instead of a silently ignored knob.
 */
public final class Args {

    /** The value of a bare {@code --flag}: no option reads it as a number or a choice. */
    private static final String FLAG = "";

    private final Map<String, String> given = new HashMap<>();

    private Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected --key=value or --flag, got: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq < 0 && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                // --key value, as in `benchmarks/run rpc --repeat 5`
                given.put(arg.substring(2), args[++i]);
            } else if (eq < 0) {
                given.put(arg.substring(2), FLAG);
            } else {
                given.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
    }

    public static Args parse(String[] args) {
        return new Args(args);
    }

    /** Any text, or {@code fallback} when the option is absent. */
    public String string(String key, String fallback) {
        String value = given.remove(key);
        return value == null ? fallback : value;
    }

    /** A positive int, or {@code fallback} when the option is absent. */
    public int positiveInt(String key, int fallback) {
        String value = given.remove(key);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, not " + value);
        }
        if (parsed <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive");
        }
        return parsed;
    }

    /** Any int, or {@code null} when the option is absent. */
    public Integer optionalInt(String key) {
        String value = given.remove(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a number, not " + value);
        }
    }

    /** One of {@code allowed} (exactly as spelled there), or {@code fallback} when the option is absent. */
    public String oneOf(String key, String fallback, List<String> allowed) {
        String value = given.remove(key);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("--" + key + " must be one of " + allowed + ", not " + value);
        }
        return value;
    }

    /** A bare {@code --key} (or {@code --key=true} / {@code --key=false}); false when absent. */
    public boolean flag(String key) {
        String value = given.remove(key);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals(FLAG) || value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException("--" + key + " takes no value (or true/false), not " + value);
    }

    public void rejectUnknown() {
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + given.keySet());
        }
    }
}
