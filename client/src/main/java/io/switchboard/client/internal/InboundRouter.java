package io.switchboard.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.client.ListTooLargeException;
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
import io.switchboard.protocol.message.XaXids;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Last handler of a handshaken connection: answers go to their waiting request, the rest to the client. */
final class InboundRouter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(InboundRouter.class);

    private final Connection connection;
    private final InboundListener listener;
    private final PagedAnswers pages;

    private static final long REFUSAL_LOG_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    /** Event loop only: refusals not logged since the last WARN; -1 before the first. */
    private long refusalsUnlogged = -1;

    private long nextRefusalLogNanos;

    InboundRouter(Connection connection, InboundListener listener, long maxListBytes) {
        this.connection = connection;
        this.listener = listener;
        this.pages = new PagedAnswers(maxListBytes);
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
        } else if (msg instanceof XaXids x) {
            answer(x.req(), x);
        } else if (msg instanceof SessionEvent e) {
            if (e.req() == 0) {
                listener.onSessionEvent(e);
            } else {
                answer(e.req(), e);
            }
        } else if (msg instanceof Entries page) {
            PagedAnswers.Joined<Entries> joined = pages.entries(page);
            if (joined.refused()) {
                refuse(page.req(), joined.refusal());
                return;
            }
            Entries e = joined.answer();
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
            PagedAnswers.Joined<Listing> joined = pages.listing(page);
            if (joined.refused()) {
                refuse(page.req(), joined.refusal());
            } else if (joined.answer() != null) {
                answer(page.req(), joined.answer());
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

    /**
     * A list answer passed maxListBytes: its request fails; a watch notification (req 0) has nobody to tell, so it
     * is logged, at most once per {@link #REFUSAL_LOG_INTERVAL_NANOS} (a hostile server could send many).
     */
    private void refuse(long req, String why) {
        if (req != 0 && connection.fail(req, new ListTooLargeException(why + " (from " + connection.url() + ")"))) {
            return;
        }
        long now = System.nanoTime();
        if (refusalsUnlogged >= 0 && now - nextRefusalLogNanos < 0) {
            refusalsUnlogged++;
            return;
        }
        LOG.warn(
                "{} {} from {}; skipped ({} more since the last report)",
                LogId.LIST_TOO_LARGE,
                why,
                connection.url(),
                Math.max(0, refusalsUnlogged));
        refusalsUnlogged = 0;
        nextRefusalLogNanos = now + REFUSAL_LOG_INTERVAL_NANOS;
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
