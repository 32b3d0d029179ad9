package io.switchboard.server.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.codec.BinaryFrameDecoder;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.codec.ConnectionCodec;
import io.switchboard.protocol.codec.TextLineDecoder;
import io.switchboard.protocol.codec.TextMessageDecoder;
import io.switchboard.protocol.codec.TextMessageEncoder;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.transport.HeartbeatHandler;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.tls.CertificateReloader;
import io.switchboard.server.tls.TlsPeer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows the pipeline's shape. A connection moves through three stages; with TLS on the client
 * port, {@code tls} (the SslHandler) and {@code tls-peer} come first in every stage, so detection reads decrypted
 * bytes:
 * <pre>
 *  accepted:    deadline, detect,                                               errors
 *  text mode:   deadline, lines, decoder, encoder, meter, handshake,            errors
 *  binary mode: deadline, frames, decoder, encoder, meter, handshake,           errors
 *  established:           partial, (framing as above), idle, heartbeat, session,  errors
 * </pre>
 * {@code pending} (a {@link PendingBytes} meter: {@code max-pending-bytes}) and then {@code bytes} (a
 * {@link ByteMeter}) come before everything, TLS included, and {@code meter} (a
 * {@link CallMeter}) counts the calls: both feed the monitoring port's {@code /connz}.
 * A connection over a connection cap gets "admin-only" before "handshake" (docs/security.md, "Resource limits").
 */
public final class PipelineAssembler extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(PipelineAssembler.class);
    private final ServerServices services;
    /** The client port's TLS; null for plain TCP and for the unix socket. */
    private final CertificateReloader tls;
    /** Shared by the text connections: it holds nothing but the line limit. */
    private final TextMessageEncoder textEncoder;

    private final ServerCounters counters;
    /** The resource limits (docs/security.md, "Resource limits"), shared by every listener of the client port. */
    private final ConnectionCaps caps;

    private final PartialFrames partialFrames;
    private final SlowConsumers slowConsumers;
    private final PendingBytes pendingBytes;
    private final Connection.Bounds bounds;

    /** With counters of its own and no TLS (tests). */
    public PipelineAssembler(ServerServices services) {
        this(services, new ServerCounters());
    }

    /** Plain TCP (and the unix socket); {@link #withTls} derives the TLS listener's, sharing the limits. */
    public PipelineAssembler(ServerServices services, ServerCounters counters) {
        this.services = services;
        this.tls = null;
        this.textEncoder = new TextMessageEncoder(services.config().maxFrameSize());
        this.counters = counters;
        ServerConfig config = services.config();
        this.caps = new ConnectionCaps(config, counters);
        this.partialFrames = new PartialFrames(config, counters);
        this.slowConsumers = new SlowConsumers(config, counters);
        this.pendingBytes = new PendingBytes(config, slowConsumers);
        this.bounds = new Connection.Bounds(
                config.maxInflightCallsPerConnection(),
                config.maxSubscriptionsPerConnection(),
                config.maxPublicationsPerConnection());
        log.info(
                "limits: {} connections ({} per address, {} more for admins), {} bytes pending per connection, "
                        + "{} bytes pending in all, {} bytes of incomplete frames",
                config.maxConnections(),
                config.maxConnectionsPerAddress(),
                config.reservedConnections(),
                config.maxPendingBytesPerConnection(),
                pendingBytes.limit(),
                partialFrames.limit());
    }

    private PipelineAssembler(PipelineAssembler plain, CertificateReloader tls) {
        this.services = plain.services;
        this.tls = tls;
        this.textEncoder = plain.textEncoder;
        this.counters = plain.counters;
        this.caps = plain.caps;
        this.partialFrames = plain.partialFrames;
        this.slowConsumers = plain.slowConsumers;
        this.pendingBytes = plain.pendingBytes;
        this.bounds = plain.bounds;
    }

    /** The same limits (one count of connections and frames), with {@code tls} first in every pipeline; null = plain. */
    public PipelineAssembler withTls(CertificateReloader tls) {
        return tls == null ? this : new PipelineAssembler(this, tls);
    }

    @Override
    protected void initChannel(Channel channel) {
        Connection connection = new Connection(channel, bounds, slowConsumers);
        slowConsumers.watch(channel);
        boolean refused = caps.admit(channel) == ConnectionCaps.Admission.REFUSED;
        services.connections().add(connection);
        channel.closeFuture().addListener(f -> {
            services.connections().remove(connection);
            services.router().connectionClosed(connection);
            counters.closed(connection.traffic());
        });
        // Next to the socket: it sees every flush, TLS's own included.
        channel.pipeline().addLast("pending", pendingBytes.meterFor(connection));
        channel.pipeline().addLast("bytes", new ByteMeter(connection.traffic()));
        if (tls != null) {
            channel.pipeline()
                    .addLast("tls", tls.newHandler(channel.alloc()))
                    .addLast("tls-peer", new TlsPeer("the client port", connection::peerCertificate));
        }
        long handshakeMs = services.config().handshakeTimeoutMs();
        channel.pipeline()
                .addLast(
                        "deadline",
                        refused
                                ? new HandshakeDeadline(
                                        connection,
                                        Math.min(handshakeMs, ConnectionCaps.REFUSED_WAIT_MS),
                                        caps.refusal(services.config()))
                                : new HandshakeDeadline(connection, handshakeMs))
                .addLast("detect", new ProtocolDetector(this))
                .addLast("errors", new ProtocolErrorHandler(connection, services, counters));
    }

    void installText(ChannelPipeline pipeline) {
        Connection connection = connectionOf(pipeline);
        int maxFrame = services.config().maxFrameSize();
        pipeline.addBefore("errors", "lines", new TextLineDecoder(maxFrame, partialFrames.watcherFor(connection)))
                .addBefore("errors", "decoder", new TextMessageDecoder())
                .addBefore("errors", "encoder", textEncoder)
                .addBefore("errors", "meter", new CallMeter(connection.traffic()))
                .addBefore("errors", "handshake", new HandshakeAcceptor(connection, services, this, null));
        caps.gate(pipeline, connection, services.config());
    }

    void installBinary(ChannelPipeline pipeline) {
        Connection connection = connectionOf(pipeline);
        int maxFrame = services.config().maxFrameSize();
        ConnectionCodec codec = new ConnectionCodec();
        pipeline.addBefore("errors", "frames", new BinaryFrameDecoder(maxFrame, partialFrames.watcherFor(connection)))
                .addBefore("errors", "decoder", new BinaryMessageDecoder(codec))
                .addBefore("errors", "encoder", new BinaryMessageEncoder(codec, maxFrame))
                .addBefore("errors", "meter", new CallMeter(connection.traffic()))
                .addBefore("errors", "handshake", new HandshakeAcceptor(connection, services, this, codec));
        caps.gate(pipeline, connection, services.config());
    }

    /** After WELCOME: heartbeats and the session handler take over from the handshake. */
    void installSession(ChannelPipeline pipeline, long heartbeatMs) {
        Connection connection = connectionOf(pipeline);
        pipeline.remove("deadline");
        pipeline.remove("handshake");
        String framer = pipeline.get("frames") != null ? "frames" : "lines";
        pipeline.addBefore(
                framer,
                "partial",
                PartialFrameDeadline.of(
                        pipeline.get(framer), connection, services.config().partialFrameTimeoutMs()));
        pipeline.addBefore("errors", "idle", new IdleStateHandler(3 * heartbeatMs, 0, 0, TimeUnit.MILLISECONDS))
                .addBefore(
                        "errors",
                        "heartbeat",
                        new HeartbeatHandler(
                                connection.outbound(),
                                heartbeatMs,
                                ctx -> heardNothing(connection),
                                counters::pingAnswered))
                .addBefore("errors", "session", new SessionHandler(connection, services));
    }

    /** Three heartbeat intervals without a frame: the peer is told why, then closed. */
    private static void heardNothing(Connection connection) {
        log.info("{} silent for three heartbeat intervals; closing", connection);
        connection.send(
                new ErrorMessage(0, ErrorCode.HEARTBEAT_TIMEOUT, "nothing received for three heartbeat intervals"));
        connection.close();
    }

    private static Connection connectionOf(ChannelPipeline pipeline) {
        return ((ProtocolErrorHandler) pipeline.get("errors")).connection();
    }
}
