package io.switchboard.server.cluster;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages of the node-to-node call link (docs/cluster.md, "The link's messages"), sent by JGroups unicast: a
 * call forwarded to the node of a publisher, and its result sent back. Compact binary, big-endian, no Java
 * serialization; the payload travels as opaque bytes. The first byte ({@link #FORMAT}) tells them apart from the
 * directory's messages (format 1).
 */
final class LinkMessage {

    static final byte FORMAT = 2;
    static final byte CALL = 1;
    static final byte RESULT = 2;
    /** A scatter-gather call sent to a node publishing its alias: as {@link #CALL}, for every publisher there. */
    static final byte GATHER = 3;
    /** One publisher's answer to a {@link #GATHER}, sent back to its origin. */
    static final byte GATHER_REPLY = 4;
    /** The end of a {@link #GATHER} at one node, after its replies. */
    static final byte GATHER_END = 5;
    /**
     * What a message may hold besides the payload and headers that the caller's frame already bounded: alias, method,
     * codec, caller name, lengths. A message over max-frame-size plus this is refused.
     */
    static final int OVERHEAD = 4096;

    private LinkMessage() {}

    /**
     * A call forwarded to the node of a publisher.
     *
     * @param callId     unique at the origin node; the result carries it back
     * @param timeLeftMs the time left to the call's deadline when it was sent
     * @param codec      the wire name of the payload's codec (the caller's)
     * @param textMode   whether the caller is in text mode (its results must be compact JSON)
     */
    record Call(
            long callId,
            long timeLeftMs,
            String codec,
            boolean textMode,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload) {

        byte[] encode() {
            return encode(CALL);
        }

        /** As a {@link #GATHER}: the same fields. */
        byte[] encodeGather() {
            return encode(GATHER);
        }

        private byte[] encode(byte kind) {
            byte[] codecBytes = utf8(codec);
            byte[] aliasBytes = utf8(alias);
            byte[] methodBytes = utf8(method);
            // META as in a frame (caller, count, headers), but each value's length takes 4 bytes here, not 2.
            int size = 1
                    + 1
                    + 8
                    + 8
                    + 1
                    + 3 * 2
                    + codecBytes.length
                    + aliasBytes.length
                    + methodBytes.length
                    + meta.wireSize()
                    + 2 * meta.headers().size()
                    + 4
                    + payload.length;
            ByteBuffer out = ByteBuffer.allocate(size);
            out.put(FORMAT).put(kind).putLong(callId).putLong(timeLeftMs).put((byte) (textMode ? 1 : 0));
            putShort(out, codecBytes);
            putShort(out, aliasBytes);
            putShort(out, methodBytes);
            byte[] caller = meta.callerUtf8();
            out.put((byte) caller.length).put(caller);
            out.put((byte) meta.headers().size());
            for (Map.Entry<String, String> h : meta.headers().entrySet()) {
                byte[] name = utf8(h.getKey());
                out.put((byte) name.length).put(name);
                byte[] value = utf8(h.getValue());
                out.putInt(value.length).put(value);
            }
            out.putInt(payload.length).put(payload);
            return out.array();
        }
    }

    /** The one result of a forwarded call, sent back to its origin; the payload is in the caller's codec already. */
    record Result(long callId, ResultCode code, String message, byte[] payload) {

        byte[] encode() {
            byte[] text = message == null ? null : utf8(message);
            ByteBuffer out =
                    ByteBuffer.allocate(1 + 1 + 8 + 1 + 4 + (text == null ? 0 : text.length) + 4 + payload.length);
            out.put(FORMAT).put(RESULT).putLong(callId).put((byte) code.wireCode());
            if (text == null) {
                out.putInt(-1);
            } else {
                out.putInt(text.length).put(text);
            }
            out.putInt(payload.length).put(payload);
            return out.array();
        }
    }

    /** One publisher's answer to a gather; {@code publisherId} is its connection id on the node that sends it. */
    record GatherReply(long callId, long publisherId, ResultCode code, String message, byte[] payload) {

        byte[] encode() {
            byte[] text = message == null ? null : utf8(message);
            ByteBuffer out =
                    ByteBuffer.allocate(1 + 1 + 8 + 8 + 1 + 4 + (text == null ? 0 : text.length) + 4 + payload.length);
            out.put(FORMAT)
                    .put(GATHER_REPLY)
                    .putLong(callId)
                    .putLong(publisherId)
                    .put((byte) code.wireCode());
            if (text == null) {
                out.putInt(-1);
            } else {
                out.putInt(text.length).put(text);
            }
            out.putInt(payload.length).put(payload);
            return out.array();
        }
    }

    /** The end of a gather at one node: how many publishers it went to there (each got a reply before this). */
    record GatherEnd(long callId, int publishers) {

        byte[] encode() {
            return ByteBuffer.allocate(1 + 1 + 8 + 4)
                    .put(FORMAT)
                    .put(GATHER_END)
                    .putLong(callId)
                    .putInt(publishers)
                    .array();
        }
    }

    /** The kind of a link message ({@link #CALL} or {@link #RESULT}); the caller checked the format byte. */
    static byte kind(byte[] array, int offset, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("a link message of " + length + " bytes");
        }
        return array[offset + 1];
    }

    /** The call id of a link message, readable before the rest is checked (so that a refusal can name the call). */
    static long callId(byte[] array, int offset, int length) {
        if (length < 10) {
            throw new IllegalArgumentException("a link message of " + length + " bytes");
        }
        return ByteBuffer.wrap(array, offset + 2, 8).getLong();
    }

    /**
     * @param maxBytes the largest message taken (max-frame-size plus {@link #OVERHEAD})
     * @throws IllegalArgumentException for anything malformed or too large; the message says what
     */
    static Call decodeCall(byte[] array, int offset, int length, int maxBytes) {
        return decodeCall(array, offset, length, maxBytes, CALL);
    }

    /** As {@link #decodeCall}, for a {@link #GATHER}. */
    static Call decodeGather(byte[] array, int offset, int length, int maxBytes) {
        return decodeCall(array, offset, length, maxBytes, GATHER);
    }

    private static Call decodeCall(byte[] array, int offset, int length, int maxBytes, byte kind) {
        ByteBuffer in = open(array, offset, length, maxBytes, kind);
        try {
            long callId = in.getLong();
            long timeLeftMs = in.getLong();
            boolean textMode = in.get() != 0;
            String codec = getShort(in);
            String alias = getShort(in);
            String method = getShort(in);
            String caller = string(in, in.get() & 0xFF);
            int count = in.get() & 0xFF;
            Map<String, String> headers = new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String name = string(in, in.get() & 0xFF);
                headers.put(name, string(in, in.getInt()));
            }
            byte[] payload = bytes(in, in.getInt());
            ensureEnd(in);
            CallMeta meta = CallMeta.of(caller, headers);
            return new Call(callId, timeLeftMs, codec, textMode, alias, method, meta, payload);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated forwarded call");
        }
    }

    /** As {@link #decodeCall}, for a result. */
    static Result decodeResult(byte[] array, int offset, int length, int maxBytes) {
        ByteBuffer in = open(array, offset, length, maxBytes, RESULT);
        try {
            long callId = in.getLong();
            ResultCode code = ResultCode.fromWireCode(in.get() & 0xFF);
            int textLength = in.getInt();
            String message = textLength == -1 ? null : string(in, textLength);
            byte[] payload = bytes(in, in.getInt());
            ensureEnd(in);
            return new Result(callId, code, message, payload);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated forwarded result");
        }
    }

    /** As {@link #decodeCall}, for a gather's reply. */
    static GatherReply decodeGatherReply(byte[] array, int offset, int length, int maxBytes) {
        ByteBuffer in = open(array, offset, length, maxBytes, GATHER_REPLY);
        try {
            long callId = in.getLong();
            long publisherId = in.getLong();
            ResultCode code = ResultCode.fromWireCode(in.get() & 0xFF);
            int textLength = in.getInt();
            String message = textLength == -1 ? null : string(in, textLength);
            byte[] payload = bytes(in, in.getInt());
            ensureEnd(in);
            return new GatherReply(callId, publisherId, code, message, payload);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated gather reply");
        }
    }

    /** As {@link #decodeCall}, for a gather's end. */
    static GatherEnd decodeGatherEnd(byte[] array, int offset, int length, int maxBytes) {
        ByteBuffer in = open(array, offset, length, maxBytes, GATHER_END);
        try {
            long callId = in.getLong();
            int publishers = in.getInt();
            ensureEnd(in);
            if (publishers < 0) {
                throw new IllegalArgumentException("a gather end with " + publishers + " publishers");
            }
            return new GatherEnd(callId, publishers);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated gather end");
        }
    }

    private static ByteBuffer open(byte[] array, int offset, int length, int maxBytes, byte kind) {
        if (length > maxBytes) {
            throw new IllegalArgumentException("a link message of " + length + " bytes (at most " + maxBytes + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(array, offset, length);
        if (length < 2 || in.get() != FORMAT || in.get() != kind) {
            throw new IllegalArgumentException("not a link message of kind " + kind);
        }
        return in;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putShort(ByteBuffer out, byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("a name of " + bytes.length + " bytes");
        }
        out.putShort((short) bytes.length).put(bytes);
    }

    private static String getShort(ByteBuffer in) {
        return string(in, in.getShort() & 0xFFFF);
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
            throw new IllegalArgumentException("trailing bytes after a link message");
        }
    }
}
