package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.codec.BinaryFrameDecoder;
import io.switchboard.protocol.codec.TextLineDecoder;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.server.routing.Connection;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps how long the framer may hold an unfinished frame or line (W9d): every byte counts as a sign of life for the
 * heartbeat, so a peer trickling a frame would otherwise be held for three heartbeat intervals. Sits just before
 * the framer; the clock runs only while a partial frame is buffered and restarts whenever a frame completes, so
 * idle connections and steady streams are never touched.
 */
final class PartialFrameDeadline extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PartialFrameDeadline.class);

    private final Connection connection;
    private final long timeoutMs;
    private final LongSupplier completed;
    private final BooleanSupplier holdsPartial;
    private ScheduledFuture<?> timer;

    private PartialFrameDeadline(
            Connection connection, long timeoutMs, LongSupplier completed, BooleanSupplier holdsPartial) {
        this.connection = connection;
        this.timeoutMs = timeoutMs;
        this.completed = completed;
        this.holdsPartial = holdsPartial;
    }

    /** For the connection's framer: a {@link BinaryFrameDecoder} or a {@link TextLineDecoder}. */
    static PartialFrameDeadline of(ChannelHandler framer, Connection connection, long timeoutMs) {
        if (framer instanceof BinaryFrameDecoder frames) {
            return new PartialFrameDeadline(connection, timeoutMs, frames::completed, frames::holdsPartial);
        }
        TextLineDecoder lines = (TextLineDecoder) framer;
        return new PartialFrameDeadline(connection, timeoutMs, lines::completed, lines::holdsPartial);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // The read that carried HELLO may also have carried the start of the next frame.
        if (holdsPartial.getAsBoolean()) {
            timer = schedule(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long before = completed.getAsLong();
        ctx.fireChannelRead(msg);
        if (!holdsPartial.getAsBoolean() || completed.getAsLong() != before) {
            cancel(); // nothing held, or the bytes held now start a new frame: its own clock
        }
        if (timer == null && holdsPartial.getAsBoolean()) {
            timer = schedule(ctx);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private ScheduledFuture<?> schedule(ChannelHandlerContext ctx) {
        return ctx.executor().schedule(this::expire, timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void expire() {
        timer = null;
        if (!holdsPartial.getAsBoolean()) {
            return;
        }
        log.info("{} left a frame incomplete for {} ms; closing", connection, timeoutMs);
        connection.send(new ErrorMessage(
                0,
                ErrorCode.BAD_REQUEST,
                "a frame was left incomplete for " + timeoutMs + " ms (partial-frame-timeout-ms); closing"));
        connection.close();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
