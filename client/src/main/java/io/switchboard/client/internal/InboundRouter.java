package io.switchboard.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.client.SwitchboardException;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.protocol.message.TicketIssued;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last handler of a handshaken connection: answers go to their waiting request, the rest to the client. */
final class InboundRouter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);

    private final Connection connection;
    private final InboundListener listener;
    private final PagedAnswers pages = new PagedAnswers();

    InboundRouter(Connection connection, InboundListener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Result r) {
            answer(r.id(), r);
        } else if (msg instanceof Deliver d) {
            listener.onDeliver(connection, d);
        } else if (msg instanceof Reply r) {
            if (!connection.reply(r)) {
                LOG.debug("REPLY for call {} from {} arrived after the call ended; dropped", r.id(), connection.url());
            }
        } else if (msg instanceof TicketIssued t) {
            answer(t.id(), t);
        } else if (msg instanceof Ack a) {
            answer(a.req(), a);
        } else if (msg instanceof SessionEvent e) {
            if (e.req() == 0) {
                listener.onSessionEvent(e);
            } else {
                answer(e.req(), e);
            }
        } else if (msg instanceof Entries page) {
            Entries e = pages.entries(page);
            if (e == null) {
                return; // more pages of this list follow
            }
            if (e.req() == 0) {
                listener.onEntries(e);
            } else {
                answer(e.req(), e);
            }
        } else if (msg instanceof Registered r) {
            answer(r.req(), r);
        } else if (msg instanceof Listing page) {
            Listing l = pages.listing(page);
            if (l != null) {
                answer(l.req(), l);
            }
        } else if (msg instanceof Pong p) {
            // Heartbeat PONGs end in the heartbeat handler; this one answers a PING someone asked for.
            answer(p.id(), p);
        } else if (msg instanceof ErrorMessage err) {
            if (err.req() == 0 || !connection.answer(err.req(), err)) {
                LOG.warn(
                        "{} server {} reports {}: {}",
                        LogId.SERVER_ERROR,
                        connection.url(),
                        err.code().wireName(),
                        err.message());
            }
        } else if (msg instanceof Shutdown s) {
            LOG.info(
                    "{} server {} is shutting down ({}), grace {} ms",
                    LogId.SERVER_SHUTTING_DOWN,
                    connection.url(),
                    s.reason(),
                    s.graceMs());
            listener.onShutdown(connection, s);
        } else {
            LOG.warn("{} unexpected {} from {}; ignored", LogId.UNEXPECTED_MESSAGE, msg, connection.url());
        }
    }

    private void answer(long id, io.switchboard.protocol.message.Message answer) {
        if (!connection.answer(id, answer)) {
            LOG.debug("late or unknown answer {} from {}", answer, connection.url());
        }
    }

    private static SwitchboardException unreadable(String what, ProtocolException problem) {
        return new SwitchboardException("the server's " + what + " could not be read: " + problem.getMessage()
                + " (is the server newer than this client?)");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Optional<ProtocolException> pe = ProtocolException.find(cause);
        if (pe.isPresent() && !pe.get().isFatal()) {
            LOG.warn(
                    "{} malformed frame from {}: {}",
                    LogId.MALFORMED_FRAME,
                    connection.url(),
                    pe.get().getMessage());
            // A RESULT whose id could be read but not the rest (a code from a newer server, say) ends its call now,
            // not at its deadline.
            if (pe.get().resultId() != 0) {
                connection.failCall(pe.get().resultId(), unreadable("RESULT for this call", pe.get()));
            }
            if (pe.get().deliverId() != 0) {
                connection.send(
                        Result.failure(
                                pe.get().deliverId(),
                                ResultCode.BAD_REQUEST,
                                pe.get().getMessage()),
                        null);
            }
            return;
        }
        if (cause instanceof IOException) {
            LOG.debug("connection to {} failed: {}", connection.url(), cause.toString());
        } else {
            LOG.warn("{} closing connection to {} after error", LogId.CONNECTION_ERROR, connection.url(), cause);
        }
        connection.noteFailure(cause);
        ctx.close();
    }
}
