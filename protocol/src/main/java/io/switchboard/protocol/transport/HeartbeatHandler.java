package io.switchboard.protocol.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The heartbeat of an established connection, the same on both sides: PING once nothing was written for one
 * interval, PONG for every PING, and {@link Silence} when an IdleStateHandler before it reports that nothing
 * was read for three intervals.
 *
 * <p>Write silence is measured from the {@link OutboundQueue}'s last write, which the queue notes once per
 * drained batch, rather than by the IdleStateHandler, whose writer-idle tracking adds a promise and a listener
 * to every single write. Our own PING counts as a write, so a silent peer gets one PING per interval.
 */
public final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    /** Heartbeat PINGs carry id 0; their PONGs end here. PONGs with other ids answer someone else's PING. */
    public static final long HEARTBEAT_ID = 0;

    /** What a side does when it has heard nothing for three intervals. */
    @FunctionalInterface
    public interface Silence {
        void heardNothing(ChannelHandlerContext ctx);
    }

    private final OutboundQueue outbound;
    private final long intervalNanos;
    private final Silence silence;
    private final Runnable requestPingAnswered;
    private ScheduledFuture<?> nextCheck;
    private boolean stopped;

    public HeartbeatHandler(OutboundQueue outbound, long intervalMs, Silence silence) {
        this(outbound, intervalMs, silence, () -> {});
    }

    /**
     * @param requestPingAnswered run for each PING this side answers that is not the peer's heartbeat (id other than
     *     {@link #HEARTBEAT_ID}): a request such as a pool's validation ping
     */
    public HeartbeatHandler(OutboundQueue outbound, long intervalMs, Silence silence, Runnable requestPingAnswered) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("heartbeat interval must be positive, not " + intervalMs + " ms");
        }
        this.outbound = outbound;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.silence = silence;
        this.requestPingAnswered = requestPingAnswered;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        checkAfter(ctx, untilQuietForAnInterval(ctx));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void stop() {
        stopped = true;
        if (nextCheck != null) {
            nextCheck.cancel(false);
        }
    }

    /** Pings when the connection has been quiet for an interval, then looks again when it next could be. */
    private void check(ChannelHandlerContext ctx) {
        if (stopped) {
            return;
        }
        long left = untilQuietForAnInterval(ctx);
        if (left <= 0) {
            outbound.send(new Ping(HEARTBEAT_ID));
            left = intervalNanos;
        }
        checkAfter(ctx, left);
    }

    private long untilQuietForAnInterval(ChannelHandlerContext ctx) {
        long quiet = ctx.executor().ticker().nanoTime() - outbound.lastWriteNanos();
        return intervalNanos - quiet;
    }

    private void checkAfter(ChannelHandlerContext ctx, long nanos) {
        nextCheck = ctx.executor().schedule(() -> check(ctx), Math.max(nanos, 0), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Ping ping) {
            outbound.send(new Pong(ping.id()));
            if (ping.id() != HEARTBEAT_ID) {
                requestPingAnswered.run();
            }
        } else if (!(msg instanceof Pong pong && pong.id() == HEARTBEAT_ID)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            stop();
            silence.heardNothing(ctx);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
