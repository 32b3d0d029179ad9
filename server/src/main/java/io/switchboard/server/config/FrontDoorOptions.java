package io.switchboard.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.frontdoor.OverflowPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads front doors from their two spellings: a YAML mapping ({@code front-doors} in the config file) and a URL
 * whose query holds the options ({@code --front-door}, {@code SWITCHBOARD_FRONT_DOORS}). Both become one map of
 * option to raw value, read by one parser, so both accept exactly the same options.
 */
final class FrontDoorOptions {

    private static final Set<String> KEYS = Set.of(
            "name",
            "protocol",
            "host",
            "port",
            "path",
            "alias",
            "max-lines",
            "max-message-bytes",
            "max-input-rate",
            "buffer-bytes",
            "buffer-total-bytes",
            "buffer-age",
            "overflow",
            "overflow-notice",
            "outage-notice",
            "resume-notice",
            "event-timeout",
            "tls-cert",
            "tls-key",
            "tls-client-ca",
            "tls-min-version",
            "max-lines-per-address",
            "max-input-rate-per-address",
            "handshake-timeout",
            "ping-interval",
            "idle-timeout");

    /** Options that only one protocol has: a wrong one would be silently ignored, so it is refused. */
    private static final Map<String, FrontDoorProtocol> ONLY_FOR = Map.of(
            "handshake-timeout", FrontDoorProtocol.WEBSOCKET,
            "ping-interval", FrontDoorProtocol.WEBSOCKET,
            "idle-timeout", FrontDoorProtocol.TCP);

    private FrontDoorOptions() {}

    /** The {@code front-doors} value of a config file: a list of mappings. */
    static List<FrontDoorConfig> fromYaml(JsonNode list, String source) {
        if (!list.isArray()) {
            throw new ConfigException("front-doors in " + source + " must be a list of mappings");
        }
        List<FrontDoorConfig> doors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = source + " (front-doors[" + i + "])";
            if (!item.isObject()) {
                throw new ConfigException("front door in " + where + " must be a mapping of option: value");
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                if (!field.getValue().isValueNode()) {
                    throw new ConfigException(
                            "front door in " + where + ": " + field.getKey() + " must be a single value");
                }
                options.put(field.getKey(), field.getValue().asText());
            }
            doors.add(parse(options, where));
        }
        return doors;
    }

    /** URLs like {@code websocket://0.0.0.0:7431/chat?alias=chat&max-lines=10}. */
    static List<FrontDoorConfig> fromUrls(List<String> urls, String source) {
        List<FrontDoorConfig> doors = new ArrayList<>();
        for (String url : urls) {
            doors.add(parse(optionsOf(url, source), source + " ('" + url + "')"));
        }
        return doors;
    }

    private static Map<String, String> optionsOf(String url, String source) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("front door '" + url + "' from " + source + " is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException("front door '" + url + "' from " + source
                    + " must look like tcp://HOST:PORT?alias=A or websocket://HOST:PORT/PATH?alias=A");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("protocol", uri.getScheme());
        options.put("host", uri.getHost());
        options.put("port", Integer.toString(uri.getPort()));
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            options.put("path", URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8));
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                options.put(key, value);
            }
        }
        return options;
    }

    /** One front door from its options; {@code where} names the source in every error. */
    static FrontDoorConfig parse(Map<String, String> options, String where) {
        String label = options.getOrDefault("name", options.getOrDefault("alias", "?"));
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(
                        "front door '" + label + "' from " + where + ": unknown option '" + key + "'");
            }
        }
        Reader read = new Reader(options, label, where);
        FrontDoorProtocol protocol = FrontDoorProtocol.forName(read.required("protocol"))
                .orElseThrow(() -> read.invalid("protocol", "expected tcp or websocket"));
        if (protocol == FrontDoorProtocol.TCP
                && options.containsKey("path")
                && !options.get("path").equals("/")) {
            throw read.invalid("path", "only a websocket front door has a path");
        }
        for (Map.Entry<String, FrontDoorProtocol> only : ONLY_FOR.entrySet()) {
            if (options.containsKey(only.getKey()) && protocol != only.getValue()) {
                throw read.invalid(
                        only.getKey(), "only a " + only.getValue().wireName() + " front door has " + only.getKey());
            }
        }
        FrontDoorConfig.Builder builder =
                FrontDoorConfig.builder(protocol, (int) read.number("port", 0, 65_535), options.get("alias"));
        builder.name(options.get("name"));
        read.ifPresent("host", builder::host);
        read.ifPresent("path", builder::path);
        read.ifPresent("max-lines", raw -> builder.maxLines((int) read.number("max-lines", 1, Integer.MAX_VALUE)));
        read.ifPresent(
                "max-message-bytes",
                raw -> builder.maxMessageBytes((int) read.number("max-message-bytes", 1, Integer.MAX_VALUE)));
        read.ifPresent(
                "max-input-rate", raw -> builder.maxInputRate((int) read.number("max-input-rate", 0, 1_000_000)));
        read.ifPresent("buffer-bytes", raw -> builder.bufferBytes(read.number("buffer-bytes", 0, Long.MAX_VALUE)));
        read.ifPresent(
                "buffer-total-bytes",
                raw -> builder.bufferTotalBytes(read.number("buffer-total-bytes", 0, Long.MAX_VALUE)));
        read.ifPresent("buffer-age", raw -> builder.bufferAgeMs(read.duration("buffer-age")));
        read.ifPresent("event-timeout", raw -> builder.eventTimeoutMs(read.duration("event-timeout")));
        read.ifPresent(
                "max-lines-per-address",
                raw -> builder.maxLinesPerAddress((int) read.number("max-lines-per-address", 0, Integer.MAX_VALUE)));
        read.ifPresent(
                "max-input-rate-per-address",
                raw -> builder.maxInputRatePerAddress((int) read.number("max-input-rate-per-address", 0, 1_000_000)));
        read.ifPresent("handshake-timeout", raw -> builder.handshakeTimeoutMs(read.duration("handshake-timeout")));
        read.ifPresent("ping-interval", raw -> builder.pingIntervalMs(read.durationOrOff("ping-interval")));
        read.ifPresent("idle-timeout", raw -> builder.idleTimeoutMs(read.durationOrOff("idle-timeout")));
        read.ifPresent("overflow", raw -> builder.overflow(read.overflow()));
        read.ifPresent("overflow-notice", builder::overflowNotice);
        read.ifPresent("outage-notice", builder::outageNotice);
        read.ifPresent("resume-notice", builder::resumeNotice);
        read.ifPresent("tls-cert", raw -> builder.tlsCert(read.path("tls-cert")));
        read.ifPresent("tls-key", raw -> builder.tlsKey(read.path("tls-key")));
        read.ifPresent("tls-client-ca", raw -> builder.tlsClientCa(read.path("tls-client-ca")));
        read.ifPresent("tls-min-version", builder::tlsMinVersion);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (from " + where + ")");
        }
    }

    /** Raw option values of one front door, read with errors that say which door, option and source. */
    private record Reader(Map<String, String> options, String label, String where) {

        String required(String key) {
            String value = options.get(key);
            if (value == null || value.isBlank()) {
                throw new ConfigException("front door '" + label + "' from " + where + ": " + key + " is required");
            }
            return value.trim();
        }

        void ifPresent(String key, java.util.function.Consumer<String> use) {
            String value = options.get(key);
            if (value != null) {
                use.accept(value);
            }
        }

        long number(String key, long min, long max) {
            String raw = required(key).replace("_", "");
            long value;
            try {
                value = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw invalid(key, "expected a whole number (bytes for sizes)");
            }
            if (value < min || value > max) {
                throw invalid(key, "must be " + min + ".." + max);
            }
            return value;
        }

        long duration(String key) {
            String raw = required(key).toLowerCase(Locale.ROOT);
            long unit;
            String digits;
            if (raw.endsWith("ms")) {
                unit = 1;
                digits = raw.substring(0, raw.length() - 2);
            } else if (raw.endsWith("s")) {
                unit = 1_000;
                digits = raw.substring(0, raw.length() - 1);
            } else if (raw.endsWith("m")) {
                unit = 60_000;
                digits = raw.substring(0, raw.length() - 1);
            } else {
                throw invalid(key, "expected a duration with a unit: ms, s or m (e.g. 30s)");
            }
            try {
                long value = Long.parseLong(digits.trim());
                if (value < 1) {
                    throw invalid(key, "must be positive");
                }
                return Math.multiplyExact(value, unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid(key, "expected a duration with a unit: ms, s or m (e.g. 30s)");
            }
        }

        /** A duration, or {@code 0} / {@code off} for none. */
        long durationOrOff(String key) {
            String raw = required(key).toLowerCase(Locale.ROOT);
            return raw.equals("0") || raw.equals("off") ? 0 : duration(key);
        }

        java.nio.file.Path path(String key) {
            try {
                return java.nio.file.Path.of(required(key));
            } catch (java.nio.file.InvalidPathException e) {
                throw invalid(key, "not a file path: " + e.getMessage());
            }
        }

        OverflowPolicy overflow() {
            String raw = required("overflow").toLowerCase(Locale.ROOT);
            if (raw.equals("drop")) {
                return OverflowPolicy.DROP;
            }
            if (raw.equals("close")) {
                return OverflowPolicy.CLOSE;
            }
            throw invalid("overflow", "expected drop or close");
        }

        ConfigException invalid(String key, String why) {
            return new ConfigException("front door '" + label + "' from " + where + ": invalid value '"
                    + options.get(key) + "' for " + key + ": " + why);
        }
    }
}
