package io.switchboard.server.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.switchboard.server.tls.CertificateReloader;
import io.switchboard.server.tls.TlsPeer;

/**
 * The one place that knows a line's pipeline; with TLS, {@code tls} (the SslHandler) and {@code tls-peer} come first:
 * <pre>
 *  tcp:       lines (max-message-bytes, fail fast), line
 *  websocket: http, upgrade request (small), websocket (path, max-message-bytes per frame), reassembly, line
 * </pre>
 */
public final class FrontDoorPipelines extends ChannelInitializer<Channel> {

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
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("upgrade", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES))
                .addLast("websocket", new WebSocketServerProtocolHandler(protocol))
                .addLast("reassembly", new WebSocketFrameAggregator(config.maxMessageBytes()))
                .addLast("line", new WebSocketLineHandler(door));
    }
}
