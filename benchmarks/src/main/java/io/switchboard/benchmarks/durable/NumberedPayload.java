package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.SwitchboardSystem;
import java.nio.ByteBuffer;

/**
 * The held calls' payloads: the workload's CBOR byte string with the call's sequence number in its first eight
 * content bytes, so the publisher can tell which call it got, in which order, and whether twice.
 */
final class NumberedPayload {

    /** CBOR header (2 bytes) and the number (8). */
    static final int MIN_SIZE = 10;

    private static final int NUMBER_OFFSET = 2;

    private NumberedPayload() {}

    static byte[] of(int size, long number) {
        byte[] payload = SwitchboardSystem.cborByteString(size);
        ByteBuffer.wrap(payload).putLong(NUMBER_OFFSET, number);
        return payload;
    }

    static long numberOf(byte[] payload) {
        if (payload.length < MIN_SIZE) {
            throw new IllegalArgumentException("a payload of " + payload.length + " bytes carries no call number");
        }
        return ByteBuffer.wrap(payload).getLong(NUMBER_OFFSET);
    }
}
