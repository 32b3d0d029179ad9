package io.switchboard.server.gather;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.CallInterceptor;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.FrameLimit;
import io.switchboard.server.routing.Publication;
import java.util.List;

/**
 * Scatter-gather (DELIVER flag {@code ALL}): the call goes to every publisher of its alias at once, each publisher's
 * answer comes back to the caller as a REPLY tagged with the publisher's connection id, and one RESULT with the counts
 * ends the call. The call's deadline bounds the whole: a publisher that has not answered by then is a {@code timeout}
 * reply. Other calls pass untouched.
 */
public final class ScatterGather implements CallInterceptor {

    /** A REPLY carries the publisher's id: 8 bytes more than the RESULT the router checked against the limit. */
    private static final int REPLY_EXTRA_BYTES = 8;

    private final CallRouter router;
    private final FrameLimit replyLimit;

    public ScatterGather(CallRouter router, int maxFrameSize) {
        this.router = router;
        this.replyLimit = new FrameLimit(maxFrameSize - REPLY_EXTRA_BYTES);
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
        if (publishers.isEmpty()) {
            return Result.failure(
                    call.callerId(),
                    ResultCode.NO_SUCH_SESSION,
                    "no publisher of '" + call.alias() + "' is connected to gather from");
        }
        Gathering gathering = new Gathering(caller, call.callerId(), publishers.size(), replyLimit);
        long remainingMs = Math.max(1, call.remainingMs(System.nanoTime()));
        for (Publication publisher : publishers) {
            Gathering.Part part = gathering.part(publisher.connection().id());
            Result refusal = router.forwardTo(
                    part, call.callerId(), publisher, call.method(), call.meta(), call.payload(), remainingMs);
            if (refusal != null) {
                part.answer(refusal); // busy, or the server is shutting down: that publisher's reply
            }
        }
        return null;
    }
}
