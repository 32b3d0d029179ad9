package io.switchboard.client.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.RequestException;
import io.switchboard.client.SwitchboardException;
import io.switchboard.client.UnauthorizedException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Welcome;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * Opens the conversation (magic bytes, HELLO) and waits for WELCOME or ERROR. On WELCOME it hands over to
 * {@code onWelcome}, which rebuilds the pipeline for the negotiated connection, before the next frame is read.
 */
final class HandshakeInitiator extends ChannelInboundHandlerAdapter {

    private final String peer;
    private final Hello hello;
    private final Function<Welcome, Connection> onWelcome;
    private final CompletableFuture<Connection> done;

    HandshakeInitiator(
            String peer, Hello hello, Function<Welcome, Connection> onWelcome, CompletableFuture<Connection> done) {
        this.peer = peer;
        this.hello = hello;
        this.onWelcome = onWelcome;
        this.done = done;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.write(Unpooled.wrappedBuffer(Protocol.BINARY_MAGIC));
        ctx.writeAndFlush(hello);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Welcome welcome) {
            try {
                done.complete(onWelcome.apply(welcome));
            } catch (RuntimeException e) {
                fail(ctx, new SwitchboardException("bad WELCOME from server: " + e.getMessage(), e));
            }
        } else if (msg instanceof ErrorMessage error) {
            fail(
                    ctx,
                    error.code() == ErrorCode.UNAUTHORIZED
                            ? new UnauthorizedException(error.message())
                            : new RequestException(error.code(), error.message()));
        } else {
            ReferenceCountUtil.release(msg);
            fail(ctx, new SwitchboardException("server sent " + msg + " before WELCOME"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done.completeExceptionally(new ConnectionLostException("connection closed during the handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            SSLException ssl = TlsFailures.find(tls.cause());
            if (ssl != null) {
                fail(ctx, TlsFailures.describe(peer, ssl));
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // TLS first: with TLS 1.3 the server judges our certificate after our side finished, so its refusal
        // arrives here as an alert while we wait for WELCOME.
        SSLException ssl = TlsFailures.find(cause);
        if (ssl != null) {
            fail(ctx, TlsFailures.describe(peer, ssl));
            return;
        }
        fail(ctx, new SwitchboardException("handshake failed: " + cause.getMessage(), cause));
    }

    private void fail(ChannelHandlerContext ctx, SwitchboardException failure) {
        done.completeExceptionally(failure);
        ctx.close();
    }
}
