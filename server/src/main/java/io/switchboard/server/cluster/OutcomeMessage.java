package io.switchboard.server.cluster;

import java.nio.charset.StandardCharsets;

/**
 * "The outcome of this ticket is stored": multicast by the node that stored it, so that FETCHes waiting for it on
 * other nodes read it at once instead of at the end of their wait (docs/cluster.md, "Shared durable state").
 * Format {@code 6}, kind {@code 1}, then the ticket id (2-byte length + UTF-8, at most 128 bytes).
 */
final class OutcomeMessage {

    static final byte FORMAT = 6;
    static final byte KIND_OUTCOME = 1;
    static final int MAX_TICKET_BYTES = 128;

    private OutcomeMessage() {}

    static byte[] encode(String ticketId) {
        byte[] id = ticketId.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_TICKET_BYTES) {
            throw new IllegalArgumentException("ticket id of " + id.length + " bytes");
        }
        byte[] out = new byte[4 + id.length];
        out[0] = FORMAT;
        out[1] = KIND_OUTCOME;
        out[2] = (byte) (id.length >>> 8);
        out[3] = (byte) id.length;
        System.arraycopy(id, 0, out, 4, id.length);
        return out;
    }

    /** The ticket id; throws IllegalArgumentException when the bytes are not such a message. */
    static String decode(byte[] array, int offset, int length) {
        if (length < 4 || array[offset] != FORMAT || array[offset + 1] != KIND_OUTCOME) {
            throw new IllegalArgumentException("not an outcome message");
        }
        int n = ((array[offset + 2] & 0xff) << 8) | (array[offset + 3] & 0xff);
        if (n == 0 || n > MAX_TICKET_BYTES || 4 + n != length) {
            throw new IllegalArgumentException("outcome message with a ticket id of " + n + " bytes in " + length);
        }
        return new String(array, offset + 4, n, StandardCharsets.UTF_8);
    }
}
