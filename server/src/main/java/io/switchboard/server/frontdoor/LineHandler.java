package io.switchboard.server.frontdoor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a line's pipeline, common to both protocols: opens the line, enforces the input rates (the line's
 * and its address's), hands input to the front door and tells it when the line closed. Runs on the line's event
 * loop.
 */
abstract class LineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LineHandler.class);

    final FrontDoor door;
    private final InputRate rate;
    private Line line;
    private InetAddress address;
    private boolean over;

    LineHandler(FrontDoor door) {
        this.door = door;
        int perSecond = door.config.maxInputRate();
        this.rate = perSecond > 0 ? new InputRate(perSecond) : null;
    }

    void open(ChannelHandlerContext ctx, LineOutput output) {
        // Only TCP peers have an IP address to count by.
        address = ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null;
        line = door.open(ctx.channel(), output);
    }

    /** Whether the line is open (for websocket: upgraded), which is when silence and pings matter. */
    boolean opened() {
        return line != null;
    }

    /** One complete user message. */
    void received(byte[] bytes, boolean binary) {
        if (line == null || line.closing()) {
            return;
        }
        if (rate != null && !rate.tryTake()) {
            line.close(CloseReason.INPUT_RATE_EXCEEDED);
            return;
        }
        if (address != null && !door.addresses.tryInput(address)) {
            line.close(CloseReason.ADDRESS_RATE_EXCEEDED);
            return;
        }
        door.input(line, bytes, binary);
    }

    /** Closes for a limit; before the line exists (never, in practice) just closes. */
    void closeFor(ChannelHandlerContext ctx, CloseReason reason) {
        if (line != null) {
            line.close(reason);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        over();
        super.channelInactive(ctx);
    }

    /** The output shut after a close reason (see {@link LingeringClose}): the line is over, the socket lingers. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelOutputShutdownEvent) {
            over();
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Tells the front door, once, that the line is gone. */
    private void over() {
        if (line != null && !over) {
            over = true;
            door.closed(line);
        }
    }

    /** What is not a limit is a broken connection: close it; the line's disconnect says "closed by user". */
    void closeBroken(ChannelHandlerContext ctx, Throwable cause) {
        log.debug(
                "front door {}: closing {} after {}",
                door.config.name(),
                ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
