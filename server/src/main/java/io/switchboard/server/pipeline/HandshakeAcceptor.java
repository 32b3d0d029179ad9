package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.Compression;
import io.switchboard.protocol.codec.ConnectionCodec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.auth.Authenticator;
import io.switchboard.server.routing.Connection;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expects HELLO as the first message and answers WELCOME, or an ERROR and a close. Chooses the codec
 * (binary mode) and the heartbeat, then hands the connection to the session stage.
 */
final class HandshakeAcceptor extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeAcceptor.class);

    private final Connection connection;
    private final ServerServices services;
    private final PipelineAssembler assembler;
    /** The binary codec switch, or null in text mode (always JSON). */
    private final ConnectionCodec binaryCodec;

    HandshakeAcceptor(
            Connection connection, ServerServices services, PipelineAssembler assembler, ConnectionCodec binaryCodec) {
        this.connection = connection;
        this.services = services;
        this.assembler = assembler;
        this.binaryCodec = binaryCodec;
    }

    /** Set while HELLO's credentials are being checked: nothing else may arrive before WELCOME. */
    private boolean judging;
    /** Set for a connection admitted into the reserve: run when its HELLO authenticates as no admin. */
    private Runnable notAdmin;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (judging) {
            refuse(ErrorCode.HANDSHAKE_REQUIRED, "wait for WELCOME before sending anything after HELLO");
            return;
        }
        if (!(msg instanceof Hello hello)) {
            refuse(ErrorCode.HANDSHAKE_REQUIRED, "the first message must be HELLO");
            return;
        }
        if (hello.version() != Protocol.VERSION) {
            refuse(
                    ErrorCode.VERSION_MISMATCH,
                    "this server speaks protocol version " + Protocol.VERSION + ", not " + hello.version());
            return;
        }
        Optional<Codec> chosen = binaryCodec == null ? Optional.of(Codec.JSON) : Codec.choose(hello.codecs());
        if (chosen.isEmpty()) {
            refuse(
                    ErrorCode.UNKNOWN_CODEC,
                    "none of the codecs " + hello.codecs() + " is known; this server knows " + Codec.names());
            return;
        }
        CallMeta caller;
        try {
            caller = CallMeta.caller(hello.client());
        } catch (IllegalArgumentException e) {
            // The name travels with every call this client makes, in a one-byte-length field.
            refuse(ErrorCode.BAD_REQUEST, "HELLO \"client\": " + e.getMessage());
            return;
        }
        // Reads pause while the credentials are checked (bcrypt runs off the event loop).
        judging = true;
        ctx.channel().config().setAutoRead(false);
        X509Certificate certificate = connection.peerCertificate().orElse(null);
        services.auth()
                .authenticate(
                        hello.credentials(),
                        certificate,
                        ctx.channel().remoteAddress(),
                        ctx.executor(),
                        outcome -> judged(ctx, hello, chosen.get(), caller, outcome));
    }

    /** The authenticator's answer, on the event loop: welcomed, or refused and closed. */
    private void judged(
            ChannelHandlerContext ctx, Hello hello, Codec codec, CallMeta caller, Authenticator.Outcome outcome) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!outcome.accepted()) {
            refuse(ErrorCode.UNAUTHORIZED, outcome.refusal()); // and closed: reads stay paused
            return;
        }
        if (notAdmin != null && !outcome.adminToken() && !outcome.grants().admin()) {
            notAdmin.run(); // in the reserve, only admins get in
            return;
        }
        judging = false;
        ctx.channel().config().setAutoRead(true);
        welcome(ctx, hello, codec, caller, outcome);
    }

    /** This connection is in the reserve beyond max-connections: only a HELLO that authenticates as admin gets in. */
    void admitOnlyAdmin(Runnable refuse) {
        this.notAdmin = refuse;
    }

    private void welcome(
            ChannelHandlerContext ctx, Hello hello, Codec codec, CallMeta caller, Authenticator.Outcome outcome) {
        ServerConfig config = services.config();
        long heartbeatMs = config.clampHeartbeat(hello.heartbeatMs());
        Compression compression = binaryCodec == null ? null : compression(hello, config);
        Welcome welcome = new Welcome(
                Protocol.VERSION,
                config.name(),
                config.aliases(),
                codec.wireName(),
                config.maxFrameSize(),
                heartbeatMs,
                new Welcome.Limits(config.defaultTimeoutMs(), config.maxTimeoutMs(), config.publisherMaxInflight()),
                compression == null ? null : Compression.DEFLATE,
                compression == null ? null : compression.compressAbove());
        // Encoded right now (we are on the event loop), before the codec switches: WELCOME itself is
        // always JSON, everything after it uses the chosen codec.
        connection.sendNow(welcome);
        if (binaryCodec != null) {
            binaryCodec.set(codec);
            binaryCodec.setCompression(compression);
        }
        connection.maxFrame(config.maxFrameSize());
        connection.established(codec, binaryCodec == null, caller, outcome.adminToken(), outcome.grants());
        log.debug(
                "{} connected ({} mode, codec {}, heartbeat {} ms)",
                connection,
                binaryCodec == null ? "text" : "binary",
                codec.wireName(),
                heartbeatMs);
        assembler.installSession(ctx.pipeline(), heartbeatMs);
    }

    /** Deflate when the server allows it and HELLO offers it, at the client's threshold if it names one. */
    private static Compression compression(Hello hello, ServerConfig config) {
        if (!config.compression()
                || hello.compression() == null
                || !hello.compression().contains(Compression.DEFLATE)) {
            return null;
        }
        int above = hello.compressAbove() == null ? config.compressAbove() : Math.max(0, hello.compressAbove());
        return new Compression(above, config.maxFrameSize());
    }

    private void refuse(ErrorCode code, String message) {
        log.debug("{} handshake refused: {}", connection, message);
        connection.send(new ErrorMessage(0, code, message));
        connection.close();
    }
}
