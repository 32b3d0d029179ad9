package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ProtocolException;

/**
 * Splits the byte stream into frames: a four-byte big-endian length, then that many bytes (type and body).
 * A length over the limit is refused as soon as the prefix is read, before any of the frame is buffered; that is
 * fatal, and everything after it is dropped, as the connection is closing.
 */
public final class BinaryFrameDecoder extends LengthFieldBasedFrameDecoder {

    /** Only touched on the channel's event loop. */
    private long completed;

    private final int maxFrameSize;
    private final PartialFrameWatcher watcher;
    private boolean failed;

    public BinaryFrameDecoder(int maxFrameSize) {
        this(maxFrameSize, PartialFrameWatcher.NONE);
    }

    /** @param watcher told how much buffer an incomplete frame holds after each read (the server bounds the sum) */
    public BinaryFrameDecoder(int maxFrameSize, PartialFrameWatcher watcher) {
        super(
                maxFrameSize + Protocol.LENGTH_FIELD_BYTES,
                0,
                Protocol.LENGTH_FIELD_BYTES,
                0,
                Protocol.LENGTH_FIELD_BYTES,
                true);
        this.maxFrameSize = maxFrameSize;
        this.watcher = watcher;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            super.channelRead(ctx, msg);
        } finally {
            watcher.holding(ctx, PartialFrameWatcher.heldBy(internalBuffer()));
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        watcher.holding(ctx, 0);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            // Netty would skip the oversize frame and go on with the next one; the close is already on its way.
            in.skipBytes(in.readableBytes());
            return null;
        }
        try {
            Object cut = super.decode(ctx, in);
            if (cut != null) {
                completed++;
            }
            return cut;
        } catch (TooLongFrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw ProtocolException.fatal(
                    ErrorCode.FRAME_TOO_LARGE, "frame exceeds the maximum of " + maxFrameSize + " bytes");
        }
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, java.nio.ByteOrder order) {
        // The prefix is unsigned; a length with the top bit set is simply too large, not negative.
        return buf.getUnsignedInt(offset);
    }

    /** How many frames this decoder has cut so far: a change between two reads means progress. */
    public long completed() {
        return completed;
    }

    /** Whether bytes of an unfinished frame are buffered. */
    public boolean holdsPartial() {
        return actualReadableBytes() > 0;
    }
}
