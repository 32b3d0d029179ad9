package io.switchboard.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.TextMessageEncoder;
import io.switchboard.protocol.message.ErrorMessage;
import java.util.List;

/**
 * Looks at the first bytes of a connection: '{' starts text mode, the magic "SWB1" starts binary mode.
 * Leading whitespace is skipped. Anything else gets a text-mode ERROR line and the connection closes.
 * Bytes after the decision stay in the buffer and reach the mode's decoders when this handler is removed.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

    private final PipelineAssembler assembler;
    private boolean rejected;

    ProtocolDetector(PipelineAssembler assembler) {
        this.assembler = assembler;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable() && isWhitespace(in.getByte(in.readerIndex()))) {
            in.skipBytes(1);
        }
        if (!in.isReadable()) {
            return;
        }
        byte first = in.getByte(in.readerIndex());
        if (first == '{') {
            assembler.installText(ctx.pipeline());
            ctx.pipeline().remove(this);
            return;
        }
        byte[] magic = Protocol.BINARY_MAGIC;
        int available = Math.min(in.readableBytes(), magic.length);
        for (int i = 0; i < available; i++) {
            if (in.getByte(in.readerIndex() + i) != magic[i]) {
                reject(ctx, in);
                return;
            }
        }
        if (available == magic.length) {
            in.skipBytes(magic.length);
            assembler.installBinary(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
        // else: a prefix of the magic so far; wait for the rest
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in) {
        rejected = true;
        in.skipBytes(in.readableBytes());
        ErrorMessage error = new ErrorMessage(
                0, ErrorCode.BAD_REQUEST, "expected a JSON line starting with '{' or the binary magic \"SWB1\"");
        ByteBuf line = ctx.alloc().buffer();
        TextMessageEncoder.encode(error, line);
        ctx.channel().writeAndFlush(line).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
