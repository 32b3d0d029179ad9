package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;

/** Splits a text-mode stream into lines ("\n" or "\r\n"), refusing a line longer than the maximum frame size. */
public final class TextLineDecoder extends LineBasedFrameDecoder {

    /** Only touched on the channel's event loop. */
    private long completed;

    private final int maxLineLength;
    private final PartialFrameWatcher watcher;

    public TextLineDecoder(int maxLineLength) {
        this(maxLineLength, PartialFrameWatcher.NONE);
    }

    /** @param watcher told how much buffer an incomplete line holds after each read (the server bounds the sum) */
    public TextLineDecoder(int maxLineLength, PartialFrameWatcher watcher) {
        super(maxLineLength, true, true);
        this.maxLineLength = maxLineLength;
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
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        try {
            Object cut = super.decode(ctx, buffer);
            if (cut != null) {
                completed++;
            }
            return cut;
        } catch (TooLongFrameException e) {
            throw ProtocolException.fatal(
                    ErrorCode.FRAME_TOO_LARGE, "line exceeds the maximum of " + maxLineLength + " bytes");
        }
    }

    /** How many lines this decoder has cut so far: a change between two reads means progress. */
    public long completed() {
        return completed;
    }

    /** Whether bytes of an unfinished line are buffered. */
    public boolean holdsPartial() {
        return actualReadableBytes() > 0;
    }
}
