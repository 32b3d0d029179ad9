package io.switchboard.server.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.server.logging.LogId;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a listening channel: an accept that fails (typically "Too many open files" when the process reaches its
 * file descriptor limit) pauses accepting for a second, so the loop does not spin on the connection it cannot take,
 * and is logged at most once a minute with the number of failures since; the server keeps serving the connections
 * it has, and accepts again when descriptors are free.
 */
@ChannelHandler.Sharable
public final class AcceptFailures extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(AcceptFailures.class);
    static final long PAUSE_MS = 1000;

    private final LogInterval logInterval = new LogInterval(1, TimeUnit.MINUTES);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        long unlogged = logInterval.admit();
        if (unlogged >= 0) {
            log.warn(
                    "{} cannot accept connections on {}: {} ({} more failures since the last report); pausing accepts "
                            + "for {} ms at a time, connections already open are served. If it says 'Too many open "
                            + "files', raise the open-file limit (ulimit -n, LimitNOFILE) or lower max-connections",
                    LogId.ACCEPT_FAILING,
                    ctx.channel().localAddress(),
                    cause.getMessage(),
                    unlogged,
                    PAUSE_MS);
        }
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), PAUSE_MS, TimeUnit.MILLISECONDS);
    }
}
