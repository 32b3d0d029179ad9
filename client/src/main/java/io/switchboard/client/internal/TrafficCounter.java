package io.switchboard.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.switchboard.client.ClientTraffic;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the bytes one client's channels write and read. It sits first in each pipeline (next to the socket), so it
 * sees the bytes as they travel: after TLS and compression when present. One instance per client, shared by its
 * channels (one at a time, plus registry look-ups), hence the striped counters; per buffer it adds one number.
 */
@ChannelHandler.Sharable
final class TrafficCounter extends ChannelDuplexHandler {

    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(sizeOf(msg));
        ctx.fireChannelRead(msg);
    }

    /** Counted when handed to the socket end of the pipeline, whether or not the write then succeeds. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        sent.add(sizeOf(msg));
        ctx.write(msg, promise);
    }

    private static long sizeOf(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return 0; // e.g. a FileRegion: the client writes none
    }

    /** The counts so far. */
    ClientTraffic snapshot() {
        return new ClientTraffic(sent.sum(), received.sum());
    }
}
