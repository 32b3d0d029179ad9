package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.transport.LogInterval;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: turns failures into what the peer should be told. A malformed frame whose framing is
 * intact gets an ERROR (with the request's {@code req} when it was readable; for a DELIVER or FETCH with a
 * readable id, its RESULT instead) and the connection goes on;
 * a broken stream, or anything malformed before the handshake completed, gets an ERROR and a close.
 */
final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ProtocolErrorHandler.class);

    /** One for the whole server: memory running out is a server-wide event, logged once a minute. */
    private static final LogInterval OUT_OF_MEMORY_LOG = new LogInterval(1, TimeUnit.MINUTES);

    private final Connection connection;
    private final ServerServices services;
    private final ServerCounters counters;

    ProtocolErrorHandler(Connection connection, ServerServices services, ServerCounters counters) {
        this.connection = connection;
        this.services = services;
        this.counters = counters;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (outOfMemory(cause)) {
            return;
        }
        Optional<ProtocolException> found = ProtocolException.find(cause);
        if (found.isEmpty()) {
            if (cause instanceof IOException) {
                log.debug("{} I/O failure: {}", connection, cause.toString());
            } else {
                log.warn("{} {} unexpected failure; closing", LogId.CONNECTION_FAILED, connection, cause);
                connection.send(new ErrorMessage(0, ErrorCode.INTERNAL, "internal server error"));
            }
            connection.close();
            return;
        }
        ProtocolException problem = found.get();
        log.debug("{} protocol violation: {} {}", connection, problem.code().wireName(), problem.getMessage());
        if (problem.isFatal() || !connection.isEstablished()) {
            // Before WELCOME only a good HELLO is acceptable (W9a): a malformed one closes at once, after the ERROR
            // is flushed, rather than holding the connection until the handshake deadline.
            connection.send(new ErrorMessage(0, problem.code(), problem.getMessage()));
            connection.close();
        } else if (problem.resultId() != 0 && connection.isEstablished()) {
            malformedResult(problem);
        } else if (problem.deliverId() != 0 && connection.isEstablished()) {
            connection.send(Result.failure(problem.deliverId(), ResultCode.BAD_REQUEST, problem.getMessage()));
        } else {
            // The req of a malformed control request, when it could be read, so the request's waiter hears of it.
            connection.send(new ErrorMessage(problem.req(), problem.code(), problem.getMessage()));
        }
    }

    /**
     * Memory ran out while this connection was handled: most likely someone else's doing (the limits above keep any
     * one peer from taking it all), so this connection is not closed for it. A message that could not be encoded is
     * lost (its call ends at its deadline); bytes lost on the way in break the framing, which the decoder then
     * reports like any broken stream.
     */
    private boolean outOfMemory(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                counters.outOfMemory();
                long unlogged = OUT_OF_MEMORY_LOG.admit();
                if (unlogged >= 0) {
                    log.error(
                            "{} out of memory while handling {} (left open; {} more since the last report): {}. "
                                    + "Check -Xmx/-XX:MaxDirectMemorySize against max-connections, "
                                    + "max-pending-bytes-per-connection and max-partial-frame-bytes",
                            LogId.OUT_OF_MEMORY,
                            connection,
                            unlogged,
                            t.toString());
                }
                return true;
            }
        }
        return false;
    }

    /**
     * A publisher's RESULT that could not be understood still ends its call: the caller gets {@code handler-error}
     * now rather than {@code timeout} at its deadline, and the publisher an ERROR naming the RESULT.
     */
    private void malformedResult(ProtocolException problem) {
        String id = Long.toUnsignedString(problem.resultId());
        services.router()
                .result(
                        connection,
                        Result.failure(
                                problem.resultId(),
                                ResultCode.HANDLER_ERROR,
                                "the publisher's RESULT was malformed: " + problem.getMessage()));
        connection.send(new ErrorMessage(
                0,
                problem.code(),
                "RESULT " + id + " is malformed (its caller gets handler-error): " + problem.getMessage()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Nothing should get here; a message that does was not understood by any stage.
        io.netty.util.ReferenceCountUtil.release(msg);
        connection.send(new ErrorMessage(
                0, ErrorCode.BAD_REQUEST, "unexpected " + msg.getClass().getSimpleName()));
    }
}
