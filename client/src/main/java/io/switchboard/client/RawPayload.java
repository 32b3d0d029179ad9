package io.switchboard.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * Payload bytes already encoded in the connection's codec: sent as they are, without Jackson. As a result
 * type, {@code RawPayload.class} returns the answer's bytes untouched. Use with care: the bytes must be one
 * valid document of the codec the connection negotiated (see {@link SwitchboardClient#codec()}).
 */
public final class RawPayload {

    private final byte[] bytes;

    private RawPayload(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps the bytes without copying them; do not change the array afterwards. */
    public static RawPayload of(byte[] bytes) {
        return new RawPayload(Objects.requireNonNull(bytes, "bytes"));
    }

    /** The encoded bytes (not a copy). */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawPayload other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawPayload[" + bytes.length + " bytes]";
    }
}
