package io.switchboard.server.cluster;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.Permits;
import io.switchboard.server.routing.Publication;
import io.switchboard.server.routing.SessionDirectory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jgroups.Address;

/**
 * Calls other nodes forwarded to this one: each goes to a publisher connected HERE, never on to another node (so a
 * call cannot loop), with the time it has left; its one RESULT goes back to its origin by unicast.
 */
final class ForwardedIn {

    private final SessionDirectory directory;
    private final Permits permits;
    private final BooleanSupplier shuttingDown;
    private final String self;
    private final int maxMessageBytes;
    private final BiPredicate<Address, byte[]> send;
    /** Whether a node is in the current view: a caller whose node left is not answered. */
    private final Predicate<Address> isMember;

    final LongAdder forwardedIn = new LongAdder();

    ForwardedIn(
            SessionDirectory directory,
            Permits permits,
            BooleanSupplier shuttingDown,
            String self,
            int maxMessageBytes,
            BiPredicate<Address, byte[]> send,
            Predicate<Address> isMember) {
        this.directory = directory;
        this.permits = permits;
        this.shuttingDown = shuttingDown;
        this.self = self;
        this.maxMessageBytes = maxMessageBytes;
        this.send = send;
        this.isMember = isMember;
    }

    /** A call from {@code origin}: routed to a local publisher, or answered at once. */
    void arrived(Address origin, LinkMessage.Call message) {
        forwardedIn.increment();
        Optional<Codec> codec = Codec.forName(message.codec());
        RemoteCaller caller = new RemoteCaller(origin, codec.orElse(Codec.JSON), message.textMode());
        long id = message.callId();
        if (codec.isEmpty()) {
            caller.answer(Result.failure(
                    id, ResultCode.BAD_REQUEST, "codec '" + message.codec() + "' is not installed on node " + self));
            return;
        }
        if (shuttingDown.getAsBoolean()) {
            caller.answer(Result.failure(id, ResultCode.SHUTTING_DOWN, "node " + self + " is shutting down"));
            return;
        }
        Publication permit = permits.acquire(message.alias());
        if (permit == null) {
            // Never forwarded again: the directory the origin chose by was a moment old.
            caller.answer(
                    directory.load(message.alias()).publishers() == 0
                            ? Result.failure(
                                    id,
                                    ResultCode.NO_SUCH_SESSION,
                                    "no session '" + message.alias() + "' is published on node " + self)
                            : Result.failure(
                                    id,
                                    ResultCode.BUSY,
                                    "every publisher of '" + message.alias() + "' on node " + self + " is at its cap"));
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(message.timeLeftMs());
        // Permits.forward checks the method and the time left, converts the payload for the publisher and arms
        // the deadline here too; a refusal is answered to the caller, that is, sent back.
        permits.forward(
                new Call(
                        caller,
                        id,
                        message.alias(),
                        message.method(),
                        message.meta(),
                        message.payload(),
                        deadline,
                        0,
                        false,
                        false),
                permit);
    }

    /** The caller of a forwarded call, as this node sees it: its RESULT is sent back to the origin node. */
    final class RemoteCaller implements Caller {

        private final Address origin;
        private final Codec codec;
        private final boolean textMode;

        RemoteCaller(Address origin, Codec codec, boolean textMode) {
            this.origin = origin;
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
        public void answer(Result result) {
            byte[] bytes =
                    new LinkMessage.Result(result.id(), result.code(), result.message(), result.payload()).encode();
            if (bytes.length > maxMessageBytes) {
                bytes = new LinkMessage.Result(
                                result.id(),
                                ResultCode.HANDLER_ERROR,
                                "the publisher's result is too large to send back to the caller's node (" + bytes.length
                                        + " bytes)",
                                new byte[0])
                        .encode();
            }
            send.test(origin, bytes);
        }
    }
}
