package io.switchboard.server.cluster;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.gather.GatherTarget;
import io.switchboard.server.gather.ScatterGather;
import io.switchboard.server.routing.Publication;
import io.switchboard.server.routing.SessionDirectory;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jgroups.Address;

/**
 * Scatter-gather calls other nodes sent here: each goes to the publishers connected HERE only (never on to another
 * node), and each publisher's answer, then the end, goes back to the origin by unicast.
 */
final class GatherIn {

    private final SessionDirectory directory;
    private final BooleanSupplier shuttingDown;
    private final int maxMessageBytes;
    private final BiPredicate<Address, byte[]> send;
    private final Predicate<Address> isMember;
    private volatile ScatterGather gatherer;

    GatherIn(
            SessionDirectory directory,
            BooleanSupplier shuttingDown,
            int maxMessageBytes,
            BiPredicate<Address, byte[]> send,
            Predicate<Address> isMember) {
        this.directory = directory;
        this.shuttingDown = shuttingDown;
        this.maxMessageBytes = maxMessageBytes;
        this.send = send;
        this.isMember = isMember;
    }

    void gatherWith(ScatterGather gatherer) {
        this.gatherer = gatherer;
    }

    /** A gather from {@code origin}: run over the local publishers, or ended at once with each of them failed. */
    void arrived(Address origin, LinkMessage.Call message) {
        List<Publication> publishers = directory.localPublications(message.alias());
        Optional<Codec> codec = Codec.forName(message.codec());
        ScatterGather here = gatherer;
        Target target = new Target(origin, message.callId(), codec.orElse(Codec.JSON), message.textMode());
        if (codec.isEmpty() || here == null || shuttingDown.getAsBoolean()) {
            // No reply: the origin counts these publishers failed.
            target.end(publishers.size(), 0, publishers.size(), 0);
            return;
        }
        here.gatherHere(
                target,
                publishers,
                message.callId(),
                message.method(),
                message.meta(),
                message.payload(),
                message.timeLeftMs());
    }

    /** The origin node, as this node's gather sees it. */
    private final class Target implements GatherTarget {

        private final Address origin;
        private final long callId;
        private final Codec codec;
        private final boolean textMode;

        Target(Address origin, long callId, Codec codec, boolean textMode) {
            this.origin = origin;
            this.callId = callId;
            this.codec = codec;
            this.textMode = textMode;
        }

        @Override
        public Codec codec() {
            return codec;
        }

        @Override
        public boolean isTextMode() {
            return textMode;
        }

        @Override
        public boolean isClosed() {
            return !isMember.test(origin);
        }

        @Override
        public void reply(long publisherId, Result result) {
            byte[] bytes = new LinkMessage.GatherReply(
                            callId, publisherId, result.code(), result.message(), result.payload())
                    .encode();
            if (bytes.length > maxMessageBytes) {
                bytes = new LinkMessage.GatherReply(
                                callId,
                                publisherId,
                                ResultCode.HANDLER_ERROR,
                                "the publisher's reply is too large to send back to the caller's node",
                                new byte[0])
                        .encode();
            }
            send.test(origin, bytes);
        }

        @Override
        public void end(int publishers, int ok, int failed, int timedOut) {
            send.test(origin, new LinkMessage.GatherEnd(callId, publishers).encode());
        }
    }
}
