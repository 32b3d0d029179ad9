package io.switchboard.server.gather;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.FrameLimit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scatter-gather call in flight: the parts still out, and the counts. Each local publisher's part answers as a
 * {@link Caller}, so the router treats it like any call; each other node's part is a {@link GatherElsewhere.NodeShare}.
 * The part that ends last ends the gather, after every reply. While parts are still being sent, one more is counted
 * out ({@link #sent}), so that the gather cannot end before all are out.
 */
final class Gathering {

    /** Bit 63 marks a remote publisher's id; bits 48-62 are its node's ordinal in the call (docs/protocol.md). */
    static final long REMOTE = Long.MIN_VALUE;

    private static final long LOCAL_ID_MASK = (1L << 48) - 1;
    private static final int MAX_NODES = (1 << 15) - 1;

    private final GatherTarget target;
    private final AtomicInteger outstanding;
    private final AtomicInteger publishers;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final AtomicInteger nodes = new AtomicInteger();
    private final FrameLimit replyLimit;

    Gathering(GatherTarget target, int localPublishers, FrameLimit replyLimit) {
        this.target = target;
        this.replyLimit = replyLimit;
        this.publishers = new AtomicInteger(localPublishers);
        this.outstanding = new AtomicInteger(localPublishers + 1);
    }

    Part part(long publisherId) {
        return new Part(publisherId);
    }

    /** Another node's part; counted out until it ends. */
    GatherElsewhere.NodeShare share() {
        int ordinal = nodes.incrementAndGet();
        if (ordinal > MAX_NODES) {
            throw new IllegalStateException("more than " + MAX_NODES + " nodes in one gather");
        }
        outstanding.incrementAndGet();
        return new Share(ordinal);
    }

    /** Every part is out: the gather may end. */
    void sent() {
        done();
    }

    private void replied(long publisherId, Result answer) {
        // A reply the caller cannot receive is the publisher's failure, as for a RESULT: handler-error.
        Result result = replyLimit.resultFits(answer.message(), answer.payload())
                ? answer
                : Result.failure(
                        answer.id(),
                        ResultCode.HANDLER_ERROR,
                        "the publisher's reply exceeds the frame limit with the publisher's id added");
        count(result.code(), 1);
        target.reply(publisherId, result);
    }

    private void count(ResultCode code, int n) {
        if (code == ResultCode.OK) {
            ok.addAndGet(n);
        } else if (code == ResultCode.TIMEOUT) {
            timedOut.addAndGet(n);
        } else {
            failed.addAndGet(n);
        }
    }

    /** Whoever sees zero ends the gather: every reply was passed on before its part counted down. */
    private void done() {
        if (outstanding.decrementAndGet() == 0) {
            target.end(publishers.get(), ok.get(), failed.get(), timedOut.get());
        }
    }

    /** The call as one local publisher's: its one RESULT becomes that publisher's reply. */
    final class Part implements Caller {

        private final long publisherId;

        private Part(long publisherId) {
            this.publisherId = publisherId;
        }

        @Override
        public Codec codec() {
            return target.codec();
        }

        @Override
        public boolean isTextMode() {
            return target.isTextMode();
        }

        @Override
        public boolean isClosed() {
            return target.isClosed();
        }

        @Override
        public void answer(Result result) {
            replied(publisherId, result);
            done();
        }
    }

    /** Another node's part: its publishers' replies, tagged with ids unique within the call. */
    private final class Share implements GatherElsewhere.NodeShare {

        private final long prefix;

        private Share(int ordinal) {
            this.prefix = REMOTE | ((long) ordinal << 48);
        }

        @Override
        public void reply(long publisherId, Result result) {
            publishers.incrementAndGet();
            replied(prefix | (publisherId & LOCAL_ID_MASK), result);
        }

        @Override
        public void ended(int unanswered, ResultCode as) {
            if (unanswered > 0) {
                publishers.addAndGet(unanswered);
                count(as, unanswered);
            }
            done();
        }
    }
}
