package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Told by a frame decoder, after each read and when it is removed, how many bytes of buffer it holds for an
 * incomplete frame (0 when none). The server sums these over its connections to bound the memory that incomplete
 * frames take; the client needs no such bound and passes {@link #NONE}.
 */
@FunctionalInterface
public interface PartialFrameWatcher {

    PartialFrameWatcher NONE = (ctx, bytes) -> {};

    /** Runs on the connection's event loop. */
    void holding(ChannelHandlerContext ctx, int bytes);

    /** The memory a decoder's cumulation holds: its capacity while it keeps unread bytes, else nothing. */
    static int heldBy(ByteBuf cumulation) {
        return cumulation.isReadable() ? cumulation.capacity() : 0;
    }
}
