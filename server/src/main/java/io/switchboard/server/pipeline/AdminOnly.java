package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.protocol.message.Hello;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.routing.Connection;

/**
 * Before the handshake of a connection admitted into the reserve (beyond {@code max-connections}): a HELLO goes on to
 * the handshake, which lets it in only when it authenticates as an admin (the admin permission or the deprecated
 * admin token); anything else is told {@code too-many-connections} and closed.
 */
final class AdminOnly extends ChannelInboundHandlerAdapter {

    private final Connection connection;
    private final ServerConfig config;
    private final ConnectionCaps caps;
    /** Refused already: whatever else arrives before the close is dropped. */
    private boolean refused;

    AdminOnly(Connection connection, ServerConfig config, ConnectionCaps caps) {
        this.connection = connection;
        this.config = config;
        this.caps = caps;
    }

    /** Refuses the connection now, without waiting for its HELLO (it is over a cap that admits nobody). */
    void refuse() {
        refused = true;
        connection.send(caps.refusal(config));
        connection.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Hello && ctx.pipeline().get("handshake") instanceof HandshakeAcceptor handshake) {
            // Whether the HELLO makes an admin is the authenticator's answer (it may take a bcrypt check).
            handshake.admitOnlyAdmin(() -> {
                caps.refusedInReserve();
                refuse();
            });
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        caps.refusedInReserve();
        refuse();
    }
}
