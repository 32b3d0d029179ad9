package io.switchboard.jca.adapter;

import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.Codec;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the string and number properties that connection definitions and activations share. Every bad value
 * becomes an {@link InvalidPropertyException} worded by the caller's {@link Complaint}, which names where the
 * property was set.
 */
public final class PropertyValues {

    /** The protocol carries timeouts as unsigned 32-bit milliseconds. */
    public static final long MAX_MILLIS = 0xFFFF_FFFFL;

    /** Words the exception for one bad property. */
    @FunctionalInterface
    public interface Complaint {
        InvalidPropertyException about(String property, String why);
    }

    private PropertyValues() {}

    /**
     * A comma-separated list of {@code tcp://} / {@code tls://} / {@code unix://} / {@code registry://} URLs, at
     * least one, as the client reads it ({@link ServerUrl#parseList}): an empty, malformed or repeated element is
     * refused, naming it.
     */
    public static List<String> serverUrls(String property, String value, Complaint complaint)
            throws InvalidPropertyException {
        try {
            return ServerUrl.parseList(value).stream().map(ServerUrl::toString).toList();
        } catch (IllegalArgumentException e) {
            throw complaint.about(property, "is invalid: " + e.getMessage());
        }
    }

    /** A comma-separated list of names (duplicates dropped, order kept); empty when the value is blank. */
    public static Set<String> names(String value) {
        Set<String> names = new LinkedHashSet<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        }
        return names;
    }

    public static String notBlank(String property, String value, Complaint complaint) throws InvalidPropertyException {
        if (value == null || value.isBlank()) {
            throw complaint.about(property, "must not be blank");
        }
        return value.trim();
    }

    /** Milliseconds from 1 to {@link #MAX_MILLIS}; {@code fallback} when not set. */
    public static Duration millis(String property, Long value, long fallback, Complaint complaint)
            throws InvalidPropertyException {
        long millis = value == null ? fallback : value;
        if (millis < 1 || millis > MAX_MILLIS) {
            throw complaint.about(property, "must be between 1 and " + MAX_MILLIS + " ms, not " + millis);
        }
        return Duration.ofMillis(millis);
    }

    public static Codec codec(String property, String value, Complaint complaint) throws InvalidPropertyException {
        return Codec.forName(value)
                .orElseThrow(
                        () -> complaint.about(property, "must be one of JSON, CBOR, SMILE," + " not '" + value + "'"));
    }
}
