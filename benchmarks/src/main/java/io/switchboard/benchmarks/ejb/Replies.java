package io.switchboard.benchmarks.ejb;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark war's text answers, parsed strictly: a malformed answer fails the run instead of skewing it. */
final class Replies {

    private static final Pattern COUNT = Pattern.compile("calls=(\\d+) nanos=(\\d+)");

    private Replies() {}

    /** Completed calls in a concurrent run's window, and the window's length. */
    record Count(long calls, long nanos) {
        double callsPerSecond() {
            return calls / (nanos / 1e9);
        }

        Count plus(Count other) {
            return new Count(calls + other.calls, nanos + other.nanos);
        }
    }

    /** One positive duration in nanoseconds per line, as {@code POST latency} answers. */
    static long[] samples(String body) {
        String[] lines = body.strip().split("\n");
        if (lines.length == 1 && lines[0].isEmpty()) {
            throw new IllegalArgumentException("no samples in the answer");
        }
        long[] nanos = new long[lines.length];
        for (int i = 0; i < lines.length; i++) {
            try {
                nanos[i] = Long.parseLong(lines[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a duration: " + lines[i]);
            }
            if (nanos[i] <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a positive duration: " + lines[i]);
            }
        }
        return nanos;
    }

    /** {@code calls=<n> nanos=<n>}, as {@code POST throughput} answers. */
    static Count count(String body) {
        Matcher m = COUNT.matcher(body.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a throughput answer: " + body);
        }
        Count count = new Count(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        if (count.nanos() <= 0) {
            throw new IllegalArgumentException("empty measuring window: " + body);
        }
        return count;
    }

    /** Several latency answers as one sample set. */
    static long[] concat(Iterable<long[]> parts) {
        long[] all = new long[0];
        for (long[] part : parts) {
            int from = all.length;
            all = Arrays.copyOf(all, from + part.length);
            System.arraycopy(part, 0, all, from, part.length);
        }
        return all;
    }
}
