package io.switchboard.server.cluster;

import io.switchboard.protocol.ResultCode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The front doors' messages between nodes (docs/front-door.md, "Front doors in a cluster"; table in docs/cluster.md):
 * events to a handler instance on another node and their results (a call link message inside), and {@code $lines}
 * calls passed to the node of a line and their answers. Every message carries the sender's sequence number for the
 * receiver, which hands them on in that order ({@link InOrder}). Binary, big-endian; payloads are opaque bytes.
 */
final class FrontDoorLinkMessage {

    static final byte FORMAT = 3;
    /** An event call: a {@link LinkMessage.Call} follows. */
    static final byte EVENT_CALL = 1;
    /** An event's result: a {@link LinkMessage.Result} follows. */
    static final byte EVENT_RESULT = 2;

    static final byte LINES_CALL = 3;
    static final byte LINES_RESULT = 4;
    /** Format, kind, sequence number. */
    static final int HEADER = 1 + 1 + 8;

    private FrontDoorLinkMessage() {}

    /** {@code body} behind the header. */
    static byte[] wrap(byte kind, long seq, byte[] body) {
        return ByteBuffer.allocate(HEADER + body.length)
                .put(FORMAT)
                .put(kind)
                .putLong(seq)
                .put(body)
                .array();
    }

    /** The kind and sequence number of a message; the caller checked the format byte. */
    record Header(byte kind, long seq) {}

    static Header header(byte[] array, int offset, int length) {
        if (length < HEADER) {
            throw new IllegalArgumentException("a front door link message of " + length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(array, offset + 1, HEADER - 1);
        return new Header(in.get(), in.getLong());
    }

    /** A {@code $lines} call for the node of a line (or for every node): the caller's codec and document. */
    record LinesCall(long requestId, String codec, String method, byte[] payload) {

        byte[] encode() {
            byte[] codecBytes = utf8(codec);
            byte[] methodBytes = utf8(method);
            return ByteBuffer.allocate(8 + 2 + codecBytes.length + 2 + methodBytes.length + 4 + payload.length)
                    .putLong(requestId)
                    .putShort((short) codecBytes.length)
                    .put(codecBytes)
                    .putShort((short) methodBytes.length)
                    .put(methodBytes)
                    .putInt(payload.length)
                    .put(payload)
                    .array();
        }

        static LinesCall decode(byte[] array, int offset, int length) {
            ByteBuffer in = ByteBuffer.wrap(array, offset, length);
            try {
                long id = in.getLong();
                String codec = string(in, in.getShort() & 0xFFFF);
                String method = string(in, in.getShort() & 0xFFFF);
                byte[] payload = bytes(in, in.getInt());
                ensureEnd(in);
                return new LinesCall(id, codec, method, payload);
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("a truncated $lines call");
            }
        }
    }

    /** The answer of a {@code $lines} call, its payload in the caller's codec. */
    record LinesResult(long requestId, ResultCode code, String message, byte[] payload) {

        byte[] encode() {
            byte[] text = message == null ? null : utf8(message);
            ByteBuffer out = ByteBuffer.allocate(8 + 1 + 4 + (text == null ? 0 : text.length) + 4 + payload.length);
            out.putLong(requestId).put((byte) code.wireCode());
            if (text == null) {
                out.putInt(-1);
            } else {
                out.putInt(text.length).put(text);
            }
            return out.putInt(payload.length).put(payload).array();
        }

        static LinesResult decode(byte[] array, int offset, int length) {
            ByteBuffer in = ByteBuffer.wrap(array, offset, length);
            try {
                long id = in.getLong();
                ResultCode code = ResultCode.fromWireCode(in.get() & 0xFF);
                int textLength = in.getInt();
                String message = textLength == -1 ? null : string(in, textLength);
                byte[] payload = bytes(in, in.getInt());
                ensureEnd(in);
                return new LinesResult(id, code, message, payload);
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("a truncated $lines result");
            }
        }
    }

    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a name of " + bytes.length + " bytes");
        }
        return bytes;
    }

    private static String string(ByteBuffer in, int length) {
        return new String(bytes(in, length), StandardCharsets.UTF_8);
    }

    /** Reads {@code length} bytes; a length beyond what is left is malformed (checked before allocating). */
    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a length of " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void ensureEnd(ByteBuffer in) {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after a front door link message");
        }
    }
}
