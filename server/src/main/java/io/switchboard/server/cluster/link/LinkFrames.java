package io.switchboard.server.cluster.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** The link's framing: a 4-byte big-endian length, then that many bytes (a handshake or a message, unchanged). */
final class LinkFrames {

    /** The largest handshake frame; until the secret is proven nothing larger is read. */
    static final int MAX_HANDSHAKE_BYTES = 64;

    private LinkFrames() {}

    static LengthFieldBasedFrameDecoder decoder(int maxBytes) {
        return new LengthFieldBasedFrameDecoder(maxBytes + 4, 0, 4, 0, 4, true);
    }

    static ByteBuf frame(ByteBufAllocator alloc, byte[] body) {
        ByteBuf buf = alloc.buffer(4 + body.length);
        return buf.writeInt(body.length).writeBytes(body);
    }

    static byte[] bytes(ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }
}
