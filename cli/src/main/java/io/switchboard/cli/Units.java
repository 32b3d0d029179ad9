package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/** How numbers read in tables: durations, sizes, counts by result code. Missing values print as "-". */
final class Units {

    private Units() {}

    /** A duration given in seconds (ASCII units, for any terminal): {@code 850 us}, {@code 1.23 ms}, {@code 2.50 s}. */
    static String seconds(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return "-";
        }
        return seconds(node.asDouble());
    }

    static String seconds(double s) {
        if (s < 0.001) {
            return String.format(Locale.ROOT, "%.0f us", s * 1e6);
        }
        if (s < 1) {
            return String.format(Locale.ROOT, "%.2f ms", s * 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** An age or uptime: {@code 42s}, {@code 5m 3s}, {@code 2h 10m}, {@code 3d 4h}. */
    static String age(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return "-";
        }
        long s = (long) node.asDouble();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    /** A size: {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}, {@code 1.0 GiB}. */
    static String bytes(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return "-";
        }
        return bytes(node.asDouble());
    }

    static String bytes(double b) {
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b / 1024;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** A latency of {@code calls} calls: "-" while there were none (the server reports zeros then). */
    static String latency(JsonNode seconds, JsonNode calls) {
        return calls != null && calls.isNumber() && calls.asLong() == 0 ? "-" : seconds(seconds);
    }

    /** A count, or "-" when missing. */
    static String count(JsonNode node) {
        return node == null || !node.isNumber() ? "-" : node.asText();
    }

    /** A text field, or "-" when missing or null. */
    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    /** {@code {"ok":118,"timeout":2}} as {@code ok 118, timeout 2}; "-" when empty. */
    static String byCode(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(entry.getKey()).append(' ').append(entry.getValue().asText());
        }
        return text.toString();
    }

    /** A rate per second with one decimal. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
