package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;

/** A tcp line: each frame from the line decoder is one input; valid UTF-8 is text, anything else binary. */
final class TcpLineHandler extends LineHandler {

    TcpLineHandler(FrontDoor door) {
        super(door);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        open(ctx, new TcpLineOutput(ctx.channel(), FrontDoorPipelines.tcpWrites(ctx.pipeline())));
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            boolean text = ByteBufUtil.isText(frame, StandardCharsets.UTF_8);
            received(ByteBufUtil.getBytes(frame), !text);
        } finally {
            frame.release();
        }
    }

    /** Silent for idle-timeout (the idle handler is there only when it is on). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            closeFor(ctx, CloseReason.IDLE_TIMEOUT);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            closeFor(ctx, CloseReason.MESSAGE_TOO_LONG);
        } else {
            closeBroken(ctx, cause);
        }
    }
}
