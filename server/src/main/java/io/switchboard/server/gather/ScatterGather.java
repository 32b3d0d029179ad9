package io.switchboard.server.gather;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.CallInterceptor;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.FrameLimit;
import io.switchboard.server.routing.Publication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scatter-gather (DELIVER flag {@code ALL}): the call goes to every publisher of its alias at once, here and on the
 * other nodes of a cluster ({@link GatherElsewhere}); each publisher's answer comes back to the caller as a REPLY
 * tagged with the publisher's id, and one RESULT with the counts ends the call. The call's deadline bounds the whole:
 * a publisher that has not answered by then counts {@code timeout}. Other calls pass untouched.
 */
public final class ScatterGather implements CallInterceptor {

    /** A REPLY carries the publisher's id: 8 bytes more than the RESULT the router checked against the limit. */
    private static final int REPLY_EXTRA_BYTES = 8;

    private final CallRouter router;
    private final FrameLimit replyLimit;
    private volatile GatherElsewhere elsewhere = GatherElsewhere.NONE;

    public ScatterGather(CallRouter router, int maxFrameSize) {
        this.router = router;
        this.replyLimit = new FrameLimit(maxFrameSize - REPLY_EXTRA_BYTES);
    }

    /** Scatter-gather calls reach the other nodes' publishers too from now on. Call before serving. */
    public void elsewhere(GatherElsewhere elsewhere) {
        this.elsewhere = elsewhere;
    }

    @Override
    public boolean wants(Call call) {
        return call.all();
    }

    @Override
    public Result intercept(Call call, Destination destination, Chain next) {
        if (!call.all()) {
            return next.proceed(call);
        }
        if (call.async()) {
            return Result.failure(
                    call.callerId(), ResultCode.BAD_REQUEST, "a call cannot be both async and scatter-gather (all)");
        }
        if (!(call.caller() instanceof Connection caller)) {
            return Result.failure(
                    call.callerId(), ResultCode.BAD_REQUEST, "only a connection's calls may be scatter-gather");
        }
        List<Publication> publishers = destination.publications();
        Gathering gathering =
                new Gathering(new CallerTarget(caller, call.callerId(), call.alias()), publishers.size(), replyLimit);
        long remainingMs = Math.max(1, call.remainingMs(System.nanoTime()));
        sendTo(gathering, publishers, call.callerId(), call.method(), call.meta(), call.payload(), remainingMs);
        elsewhere.scatter(call, gathering::share);
        gathering.sent(); // with no publisher anywhere, the caller gets no-such-session now
        return null;
    }

    /**
     * A gather another node sent here: to this node's publishers only (never on to another node), each answer to
     * {@code target}, then its end.
     */
    public void gatherHere(
            GatherTarget target,
            List<Publication> publishers,
            long callId,
            String method,
            CallMeta meta,
            byte[] payload,
            long timeLeftMs) {
        Gathering gathering = new Gathering(target, publishers.size(), replyLimit);
        sendTo(gathering, publishers, callId, method, meta, payload, Math.max(1, timeLeftMs));
        gathering.sent();
    }

    private void sendTo(
            Gathering gathering,
            List<Publication> publishers,
            long callId,
            String method,
            CallMeta meta,
            byte[] payload,
            long remainingMs) {
        for (Publication publisher : publishers) {
            Gathering.Part part = gathering.part(publisher.connection().id());
            Result refusal = router.forwardTo(part, callId, publisher, method, meta, payload, remainingMs);
            if (refusal != null) {
                part.answer(refusal); // busy, or the server is shutting down: that publisher's reply
            }
        }
    }

    /** The calling connection: a REPLY frame per publisher, then the RESULT with the counts. */
    private record CallerTarget(Connection caller, long callerId, String alias) implements GatherTarget {

        @Override
        public io.switchboard.protocol.Codec codec() {
            return caller.codec();
        }

        @Override
        public boolean isTextMode() {
            return caller.isTextMode();
        }

        @Override
        public boolean isClosed() {
            return caller.isClosed();
        }

        @Override
        public void reply(long publisherId, Result result) {
            caller.send(Reply.of(callerId, publisherId, result));
        }

        @Override
        public void end(int publishers, int ok, int failed, int timedOut) {
            if (publishers == 0) {
                caller.answer(Result.failure(
                        callerId,
                        ResultCode.NO_SUCH_SESSION,
                        "no publisher of '" + alias + "' is connected to gather from"));
                return;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("publishers", publishers);
            counts.put("ok", ok);
            counts.put("failed", failed);
            counts.put("timed_out", timedOut);
            try {
                caller.answer(Result.ok(callerId, caller.codec().mapper().writeValueAsBytes(counts)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode the counts of a scatter-gather call", e);
            }
        }
    }
}
