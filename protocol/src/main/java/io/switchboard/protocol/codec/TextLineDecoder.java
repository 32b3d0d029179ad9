package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import java.util.List;

/**
 * Splits a text-mode stream into lines ("\n" or "\r\n"), refusing a line longer than the maximum frame size: its
 * bytes without the "\n" and a "\r" just before it. The refusal is fatal and thrown from here, so the error handler
 * sees a {@link ProtocolException}; everything after it is dropped, as the connection is closing.
 *
 * <p>Not Netty's {@code LineBasedFrameDecoder}: that one reports an oversize line past the decoder (so lines after it
 * in the same read were still decoded), and refused a line of exactly the limit whose "\r" and "\n" came in
 * different reads.
 */
public final class TextLineDecoder extends ByteToMessageDecoder {

    private final int maxLineLength;
    private final PartialFrameWatcher watcher;
    /** Bytes from the reader index known to hold no "\n": a line arriving in many reads is scanned once. */
    private int scanned;

    private boolean failed;
    /** Lines cut so far; only touched on the channel's event loop. */
    private long completed;

    public TextLineDecoder(int maxLineLength) {
        this(maxLineLength, PartialFrameWatcher.NONE);
    }

    /** @param watcher told how much buffer an incomplete line holds after each read (the server bounds the sum) */
    public TextLineDecoder(int maxLineLength, PartialFrameWatcher watcher) {
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
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        int lf = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            scanned = in.readableBytes();
            // A "\r" at the end may be the start of the line's "\r\n": it does not count yet.
            boolean endsInCr = scanned > 0 && in.getByte(in.writerIndex() - 1) == '\r';
            if (scanned - (endsInCr ? 1 : 0) > maxLineLength) {
                throw tooLong(in);
            }
            return;
        }
        scanned = 0;
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        if (end - start > maxLineLength) {
            throw tooLong(in);
        }
        out.add(in.readRetainedSlice(end - start));
        in.readerIndex(lf + 1);
        completed++;
    }

    /** How many lines this decoder has cut so far: a change between two reads means progress. */
    public long completed() {
        return completed;
    }

    /** Whether bytes of an unfinished line are buffered. */
    public boolean holdsPartial() {
        return actualReadableBytes() > 0;
    }

    private ProtocolException tooLong(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return ProtocolException.fatal(
                ErrorCode.FRAME_TOO_LARGE, "line exceeds the maximum of " + maxLineLength + " bytes");
    }
}
