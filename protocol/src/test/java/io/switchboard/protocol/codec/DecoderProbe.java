package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.Message;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The last handler of a decoder pipeline under a fuzz test: keeps every message and every failure (an {@code
 * EmbeddedChannel} would keep only the first failure) and checks that each failure is one the protocol documents.
 */
final class DecoderProbe extends ChannelInboundHandlerAdapter {

    private static final Field CUMULATION = cumulationField();

    final List<Message> messages = new ArrayList<>();
    final List<ProtocolException> failures = new ArrayList<>();
    /** Kept, not thrown: Netty logs and swallows what a handler's exceptionCaught throws. */
    private final List<AssertionError> broken = new ArrayList<>();

    private boolean fatal;
    private boolean afterFatal;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        afterFatal |= fatal;
        if (msg instanceof Message message) {
            messages.add(message);
        } else {
            broken.add(new AssertionError(
                    "the decoders passed on a " + msg.getClass().getName()));
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        afterFatal |= fatal;
        try {
            ProtocolException problem = documented(cause);
            failures.add(problem);
            fatal |= problem.isFatal();
        } catch (AssertionError e) {
            broken.add(e);
        }
    }

    /** Whether a fatal failure (the connection would be closed) was seen. */
    boolean sawFatal() {
        return fatal;
    }

    /** Fails with the first undocumented failure, or when anything was decoded after a fatal one. */
    void check() {
        if (!broken.isEmpty()) {
            throw broken.get(0);
        }
        assertThat(afterFatal)
                .as("nothing is decoded after a fatal failure: the connection is closing")
                .isFalse();
    }

    /**
     * The {@link ProtocolException} a decoder failure stands for. Anything else escaping a decoder (a
     * NullPointerException, an IndexOutOfBoundsException, a Jackson exception) fails the test: the server would
     * answer it {@code internal} and close the connection.
     */
    static ProtocolException documented(Throwable failure) {
        Throwable cause =
                failure instanceof DecoderException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DecoderException && cause.getCause() instanceof ProtocolException) {
            cause = cause.getCause();
        }
        if (!(cause instanceof ProtocolException problem)) {
            throw new AssertionError("a decoder failed with an undocumented exception", failure);
        }
        assertThat(problem.getMessage()).as("the failure's message").isNotBlank();
        if (problem.isFatal()) {
            assertThat(problem.code()).as("a fatal failure's code").isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        } else {
            assertThat(problem.code()).as("a malformed frame's code").isEqualTo(ErrorCode.BAD_REQUEST);
        }
        return problem;
    }

    /** The bytes a frame decoder holds between reads: what a peer can make it keep. */
    static int heldBytes(ByteToMessageDecoder decoder) {
        try {
            ByteBuf held = (ByteBuf) CUMULATION.get(decoder);
            return held == null ? 0 : held.readableBytes();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field cumulationField() {
        try {
            Field field = ByteToMessageDecoder.class.getDeclaredField("cumulation");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new AssertionError("Netty's ByteToMessageDecoder no longer has its 'cumulation' buffer", e);
        }
    }
}
