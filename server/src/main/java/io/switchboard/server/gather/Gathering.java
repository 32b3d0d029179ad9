package io.switchboard.server.gather;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.FrameLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scatter-gather call in flight: the parts still out, and the counts. Each part answers as a {@link Caller}, so
 * the router treats it like any call; the part that answers last sends the RESULT, after every REPLY.
 */
final class Gathering {

    private final Connection caller;
    private final long callerId;
    private final int publishers;
    private final AtomicInteger outstanding;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final FrameLimit replyLimit;

    Gathering(Connection caller, long callerId, int publishers, FrameLimit replyLimit) {
        this.caller = caller;
        this.replyLimit = replyLimit;
        this.callerId = callerId;
        this.publishers = publishers;
        this.outstanding = new AtomicInteger(publishers);
    }

    Part part(long publisherId) {
        return new Part(publisherId);
    }

    private void replied(long publisherId, Result answer) {
        // A reply the caller cannot receive is the publisher's failure, as for a RESULT: handler-error.
        Result result = replyLimit.resultFits(answer.message(), answer.payload())
                ? answer
                : Result.failure(
                        answer.id(),
                        ResultCode.HANDLER_ERROR,
                        "the publisher's reply exceeds the frame limit with the publisher's id added");
        if (result.code() == ResultCode.OK) {
            ok.incrementAndGet();
        } else if (result.code() == ResultCode.TIMEOUT) {
            timedOut.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
        // Queued before the count drops: the RESULT, queued by whoever sees zero, comes after every REPLY.
        caller.send(Reply.of(callerId, publisherId, result));
        if (outstanding.decrementAndGet() == 0) {
            caller.answer(Result.ok(callerId, counts()));
        }
    }

    /** {@code {"publishers":n,"ok":n,"failed":n,"timed_out":n}} in the caller's codec. */
    private byte[] counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("publishers", publishers);
        counts.put("ok", ok.get());
        counts.put("failed", failed.get());
        counts.put("timed_out", timedOut.get());
        try {
            return caller.codec().mapper().writeValueAsBytes(counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the counts of a scatter-gather call", e);
        }
    }

    /** The call as one publisher's: its one RESULT becomes that publisher's REPLY. */
    final class Part implements Caller {

        private final long publisherId;

        private Part(long publisherId) {
            this.publisherId = publisherId;
        }

        @Override
        public Codec codec() {
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
        public void answer(Result result) {
            replied(publisherId, result);
        }
    }
}
