package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;

/** Reading and writing the fixed binary fields: length-prefixed UTF-8 strings, with bounds checks. */
final class Wire {

    private Wire() {}

    /** Writes a string with a one-byte length prefix. */
    static void writeStr8(ByteBuf out, String value, String field) {
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > 0xFF) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, field + " is longer than 255 UTF-8 bytes");
        }
        out.writeByte(length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    /** Writes a string with a two-byte length prefix. */
    static void writeStr16(ByteBuf out, String value, String field) {
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > 0xFFFF) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, field + " is longer than 65535 UTF-8 bytes");
        }
        out.writeShort(length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    static String readStr8(ByteBuf in, String frame, String field) {
        need(in, 1, frame, field);
        return readUtf8(in, in.readUnsignedByte(), frame, field);
    }

    static String readStr16(ByteBuf in, String frame, String field) {
        need(in, 2, frame, field);
        return readUtf8(in, in.readUnsignedShort(), frame, field);
    }

    static long readLong(ByteBuf in, String frame, String field) {
        need(in, 8, frame, field);
        return in.readLong();
    }

    static void need(ByteBuf in, int bytes, String frame, String field) {
        if (in.readableBytes() < bytes) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "truncated " + frame + " frame: " + field + " needs " + bytes + " bytes, " + in.readableBytes()
                            + " left");
        }
    }

    private static String readUtf8(ByteBuf in, int length, String frame, String field) {
        need(in, length, frame, field);
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    static byte[] readRest(ByteBuf in) {
        if (!in.isReadable()) {
            return io.switchboard.protocol.message.Deliver.NO_PAYLOAD;
        }
        byte[] bytes = new byte[in.readableBytes()];
        in.readBytes(bytes);
        return bytes;
    }

    static int utf8Length(String value) {
        return ByteBufUtil.utf8Bytes(value);
    }
}
