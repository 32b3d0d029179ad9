package io.switchboard.client.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Timer;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.BinaryFrameDecoder;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.codec.Compression;
import io.switchboard.protocol.codec.ConnectionCodec;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.protocol.transport.HeartbeatHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the client's pipeline is assembled: framing and codec handlers and the handshake at connect,
 * then, on WELCOME, heartbeat handlers and the router in place of the handshake. One instance per attempt.
 *
 * <pre>
 * traffic (TrafficCounter: bytes as on the wire, after TLS and compression)
 * [tls (SslHandler), for tls:// URLs]
 * frames (BinaryFrameDecoder) -> decoder (BinaryMessageDecoder) -> encoder (BinaryMessageEncoder)
 *   -> handshake                                   (until WELCOME)
 *   -> idle (IdleStateHandler) -> heartbeat -> router   (after WELCOME)
 * </pre>
 */
final class ClientPipeline extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPipeline.class);

    /** Extra time past a request's deadline before the client gives up on the server's own answer. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ClientOptions options;
    private final ServerUrl url;
    private final PayloadMappers payloads;
    private final Timer timer;
    private final InboundListener listener;
    private final ClientTls tls;
    private final TrafficCounter traffic;
    private final CompletableFuture<Connection> handshake = new CompletableFuture<>();

    ClientPipeline(
            ClientOptions options,
            ServerUrl url,
            PayloadMappers payloads,
            Timer timer,
            InboundListener listener,
            ClientTls tls,
            TrafficCounter traffic) {
        this.options = options;
        this.traffic = traffic;
        this.tls = tls;
        this.url = url;
        this.payloads = payloads;
        this.timer = timer;
        this.listener = listener;
    }

    /** Completes with the connection once WELCOME arrived; fails if the server refused or the channel died. */
    CompletableFuture<Connection> handshake() {
        return handshake;
    }

    @Override
    protected void initChannel(Channel ch) {
        ConnectionCodec codec = new ConnectionCodec();
        // Until WELCOME tells us the server's limit, assume the protocol default.
        BinaryMessageEncoder encoder = new BinaryMessageEncoder(codec, Protocol.DEFAULT_MAX_FRAME_SIZE);
        ChannelPipeline p = ch.pipeline();
        p.addLast("traffic", traffic); // first: next to the socket
        if (url.isTls()) {
            p.addLast("tls", tls.newHandler(ch.alloc(), url));
        }
        p.addLast("frames", new BinaryFrameDecoder(options.maxFrameSize()));
        p.addLast("decoder", new BinaryMessageDecoder(codec));
        p.addLast("encoder", encoder);
        p.addLast(
                "handshake",
                new HandshakeInitiator(url.toString(), hello(), w -> welcomed(ch, codec, encoder, w), handshake));
    }

    private Hello hello() {
        List<String> codecs = options.codec() == Codec.JSON
                ? List.of(Codec.JSON.wireName())
                : List.of(options.codec().wireName(), Codec.JSON.wireName());
        Map<String, String> credentials = options.credentials();
        return new Hello(
                Protocol.VERSION,
                options.clientName(),
                codecs,
                credentials,
                options.heartbeat().toMillis(),
                options.compression() ? List.of(Compression.DEFLATE) : null,
                options.compression() ? options.compressAbove() : null);
    }

    /** Three heartbeat intervals without a frame: fails the connection through the pipeline, which records why. */
    private static void heardNothing(ChannelHandlerContext ctx) {
        String why = "nothing heard from " + ctx.channel().remoteAddress() + " for three heartbeat intervals";
        LOG.warn("{} {}; closing", LogId.SERVER_SILENT, why);
        ctx.fireExceptionCaught(new IOException(why));
    }

    /** Runs on the event loop while WELCOME is handled, so the next frame already sees the new pipeline. */
    private Connection welcomed(Channel ch, ConnectionCodec codec, BinaryMessageEncoder encoder, Welcome welcome) {
        Codec chosen = Codec.forName(welcome.codec())
                .orElseThrow(() -> new IllegalArgumentException("unknown codec '" + welcome.codec() + "'"));
        codec.set(chosen);
        if (Compression.DEFLATE.equals(welcome.compression()) && options.compression()) {
            // We compress above our own threshold; what we receive inflates up to our own frame limit.
            codec.setCompression(new Compression(options.compressAbove(), options.maxFrameSize()));
        }
        encoder.setMaxFrameSize(welcome.maxFrame());
        Connection connection =
                new Connection(ch, url, welcome, payloads.forCodec(chosen), new PendingTable(timer, GRACE_NANOS));
        long beat = welcome.heartbeatMs() > 0
                ? welcome.heartbeatMs()
                : options.heartbeat().toMillis();
        ChannelPipeline p = ch.pipeline();
        p.replace("handshake", "router", new InboundRouter(connection, listener, options.maxListBytes()));
        p.addBefore("router", "idle", new IdleStateHandler(3 * beat, 0, 0, TimeUnit.MILLISECONDS));
        p.addBefore(
                "router", "heartbeat", new HeartbeatHandler(connection.outbound(), beat, ClientPipeline::heardNothing));
        return connection;
    }
}
