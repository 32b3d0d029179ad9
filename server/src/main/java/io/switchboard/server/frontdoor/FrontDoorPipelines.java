package io.switchboard.server.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.server.tls.CertificateReloader;
import io.switchboard.server.tls.TlsPeer;
import java.util.concurrent.TimeUnit;

/**
 * The one place that knows a line's pipeline; with TLS, {@code tls} (the SslHandler) and {@code tls-peer} come first:
 * <pre>
 *  tcp:       address gate, idle (idle-timeout), lines (max-message-bytes, fail fast), line
 *  websocket: idle (ping-interval), http, address gate, upgrade request (small; bigger: 413 and close),
 *             websocket (path, max-message-bytes per frame), reassembly, line
 * </pre>
 * The idle handler sees raw bytes, so any byte from the user (a pong too) counts as a sign of life.
 *
 * <p>A tcp line writes from the address gate's context ({@link #tcpWrites}): the handlers after it only read (the
 * idle handler watches reads only), so a write need not pass them, and a broadcast skips three contexts per line.
 */
public final class FrontDoorPipelines extends ChannelInitializer<Channel> {

    /** The address gate's name: the tcp lines' writes enter the pipeline there. */
    static final String ADDRESS_GATE = "address";

    /** The upgrade request is headers only; anything bigger is not a websocket client. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 8192;

    private final FrontDoor door;
    /** The front door's TLS; null without. */
    private final CertificateReloader tls;

    public FrontDoorPipelines(FrontDoor door, CertificateReloader tls) {
        this.door = door;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        FrontDoorConfig config = door.config;
        if (tls != null) {
            channel.pipeline()
                    .addLast("tls", tls.newHandler(channel.alloc()))
                    .addLast("tls-peer", new TlsPeer("front door '" + config.name() + "'", cert -> {}));
        }
        if (config.protocol() == FrontDoorProtocol.TCP) {
            channel.pipeline().addLast(ADDRESS_GATE, new AddressGate(door));
            if (config.guards().idleTimeoutMs() > 0) {
                channel.pipeline().addLast("idle", idle(config.guards().idleTimeoutMs()));
            }
            channel.pipeline()
                    .addLast("lines", new LineBasedFrameDecoder(config.maxMessageBytes(), true, true))
                    .addLast("line", new TcpLineHandler(door));
            return;
        }
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                // We send the close frame ourselves, with the front door's reason.
                .closeOnProtocolViolation(false)
                .build();
        WebSocketServerProtocolConfig protocol = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(config.path())
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .decoderConfig(decoder)
                .build();
        if (config.guards().pingIntervalMs() > 0) {
            channel.pipeline().addLast("idle", idle(config.guards().pingIntervalMs()));
        }
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast(ADDRESS_GATE, new AddressGate(door))
                .addLast("upgrade", new UpgradeRequestAggregator(MAX_UPGRADE_REQUEST_BYTES, door.refusals))
                .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
                .addLast("reassembly", new WebSocketFrameAggregator(config.maxMessageBytes()))
                .addLast("line", new WebSocketLineHandler(door));
    }

    /**
     * Where a tcp line's writes enter its pipeline: at the address gate, so that they pass only what is before it
     * (TLS). Nothing after the gate may handle writes; {@code FrontDoorPipelinesTest} holds every tcp pipeline to it.
     */
    static ChannelOutboundInvoker tcpWrites(ChannelPipeline pipeline) {
        ChannelHandlerContext gate = pipeline.context(ADDRESS_GATE);
        if (gate == null) {
            throw new IllegalStateException("a tcp line's pipeline without its address gate: " + pipeline.names());
        }
        return gate;
    }

    /** Reader idle events (see the line handlers); nothing about writes, as the user may just listen. */
    private static IdleStateHandler idle(long ms) {
        return new IdleStateHandler(ms, 0, 0, TimeUnit.MILLISECONDS);
    }
}
