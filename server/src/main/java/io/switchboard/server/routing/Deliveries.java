package io.switchboard.server.routing;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The calls forwarded to publishers and not yet answered: forwarding one to a publication whose permit is taken,
 * its deadline, and the exactly-once gate ({@link #settle}) that the RESULT, the deadline and the loss of the
 * publisher race through.
 */
final class Deliveries {

    private final ServerCounters counters;
    private final HashedWheelTimer timer;
    private final FrameLimit frameLimit;
    /** Told when a permit is given back; the directory's keeper, looked up late because it is installed at start. */
    private final Supplier<SessionKeeper> keeper;
    /** Decides what becomes of a settled delivery whose publisher was lost: reroute, keep, or publisher-lost. */
    private final BiConsumer<Delivery, Connection> publisherLost;

    private final AtomicLong nextDeliveryId = new AtomicLong();

    Deliveries(
            ServerCounters counters,
            HashedWheelTimer timer,
            int maxFrameSize,
            Supplier<SessionKeeper> keeper,
            BiConsumer<Delivery, Connection> publisherLost) {
        this.counters = counters;
        this.publisherLost = publisherLost;
        this.timer = timer;
        this.frameLimit = new FrameLimit(maxFrameSize);
        this.keeper = keeper;
    }

    /**
     * Forwards {@code call} to {@code publication}, whose permit the caller of this method took.
     *
     * @param reroutable whether the call may go to another publisher if this one is lost
     * @return null when forwarded, else the RESULT refusing the call (the permit is given back)
     */
    Result forward(Call call, Publication publication, boolean reroutable) {
        Connection publisher = publication.connection;
        byte[] payload;
        try {
            payload = Payloads.convert(call.payload(), call.caller(), publisher);
        } catch (ProtocolException e) {
            publication.release();
            return Result.failure(call.callerId(), ResultCode.BAD_REQUEST, e.getMessage());
        }
        if (!frameLimit.deliverFits(call.alias(), call.method(), call.meta(), payload, publisher.isTextMode())) {
            publication.release();
            return Result.failure(
                    call.callerId(),
                    ResultCode.BAD_REQUEST,
                    "the call exceeds the frame limit once forwarded, with its payload in "
                            + publisher.codec().wireName() + " and the caller's name and headers added");
        }
        Delivery delivery = new Delivery(nextDeliveryId.incrementAndGet(), call, publication, reroutable);
        publisher.outstanding.put(delivery.id, delivery);
        counters.outstanding.incrementAndGet();
        if (publisher.isClosed()) {
            // The publisher closed while we picked it; its close sweep may have run before our put.
            if (settle(delivery)) {
                publisherLost.accept(delivery, publisher);
            }
            return null;
        }
        long remainingMs = Math.max(1, call.remainingMs(System.nanoTime()));
        delivery.timer = timer.newTimeout(t -> deadlinePassed(delivery), remainingMs, TimeUnit.MILLISECONDS);
        counters.delivered.increment();
        // An untranscoded payload keeps the bytes it came compressed in (sent again only where compression is agreed).
        byte[] deflated = payload == call.payload() ? call.deflated() : null;
        publisher.send(new Deliver(
                delivery.id, call.alias(), call.method(), remainingMs, call.meta(), payload, false, deflated));
        return null;
    }

    /** The publisher's RESULT for delivery {@code id}: the delivery, when this RESULT is the one that settles it. */
    Delivery settleById(Connection publisher, long id) {
        Delivery delivery = publisher.outstanding.get(id);
        if (delivery == null || !settle(delivery)) {
            counters.lateResults.increment();
            return null;
        }
        return delivery;
    }

    /**
     * Passes a publisher's RESULT for a delivery it settled to the caller, in the caller's codec. A result the caller
     * cannot receive is the publisher's failure, not the caller's: {@code handler-error}.
     */
    void passResult(Delivery delivery, Result result, Connection publisher) {
        Caller caller = delivery.call.caller();
        if (caller.isClosed()) {
            return; // the caller left; the call ran anyway, nobody is waiting for its answer
        }
        byte[] payload;
        try {
            payload = Payloads.convert(result.payload(), publisher, caller);
        } catch (ProtocolException e) {
            answer(delivery, ResultCode.HANDLER_ERROR, "the publisher's result payload is invalid: " + e.getMessage());
            return;
        }
        if (!frameLimit.resultFits(result.message(), payload, caller.isTextMode())) {
            answer(
                    delivery,
                    ResultCode.HANDLER_ERROR,
                    "the publisher's result exceeds the frame limit once transcoded from "
                            + publisher.codec().wireName() + " to "
                            + caller.codec().wireName());
            return;
        }
        caller.answer(result.withId(delivery.call.callerId(), payload));
    }

    /** The exactly-once gate: true for the one party that takes the delivery out of its publisher's map. */
    boolean settle(Delivery delivery) {
        if (!delivery.publication.connection.outstanding.remove(delivery.id, delivery)) {
            return false;
        }
        counters.outstanding.decrementAndGet();
        delivery.publication.release();
        Timeout t = delivery.timer;
        if (t != null) {
            t.cancel();
        }
        keeper.get().capacityFreed(delivery.call.alias()); // a permit is free: a kept call may go
        return true;
    }

    /** Answers the delivery's caller with a failure the server makes, unless the caller has gone. */
    static void answer(Delivery delivery, ResultCode code, String message) {
        Caller caller = delivery.call.caller();
        if (!caller.isClosed()) {
            caller.answer(Result.failure(delivery.call.callerId(), code, message));
        }
    }

    private void deadlinePassed(Delivery delivery) {
        if (settle(delivery)) {
            counters.timeouts.increment();
            answer(delivery, ResultCode.TIMEOUT, "no result within the deadline");
        }
    }
}
