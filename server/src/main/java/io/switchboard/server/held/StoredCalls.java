package io.switchboard.server.held;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.SessionDefinition;
import io.switchboard.server.store.HeldCall;
import io.switchboard.server.store.Store;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored held calls back into waiting calls: at start (this server's own rows) and when a cluster node takes over
 * a gone node's rows. Their callers are gone; a call whose deadline passed is removed, and a call that was being
 * delivered follows its session's lost-publisher policy.
 */
final class StoredCalls {

    private static final Logger log = LoggerFactory.getLogger(StoredCalls.class);

    private final Store store;
    private final LongSupplier wallClock;

    StoredCalls(Store store, LongSupplier wallClock) {
        this.store = store;
        this.wallClock = wallClock;
    }

    /** Indexes of the counts {@link #restore} keeps. */
    static final int WAITING = 0;

    static final int EXPIRED = 1;
    static final int LOST = 2;

    static void warnLost(int lost, String why) {
        if (lost > 0) {
            log.warn(
                    "{} {} held call(s) of non-idempotent methods were being delivered when {}: dropped, as their "
                            + "callers would have got publisher-lost (whether they ran is unknown)",
                    LogId.HELD_CALL_LOST_IN_DELIVERY,
                    lost,
                    why);
        }
    }

    /**
     * A stored call (of an old run of this server, or taken over) as a waiting call. Its caller is gone: it is still
     * delivered when a publisher comes (its answer is dropped) unless its deadline passes first; a call whose
     * deadline passed is removed; a call that was being delivered follows the lost-publisher policy (an
     * idempotent one waits again, any other is removed).
     *
     * @param counts counted into, by {@link #WAITING}, {@link #EXPIRED}, {@link #LOST}
     * @return the call to queue; null when its row was removed (expired, or lost in delivery)
     */
    WaitingCall restore(HeldCall stored, SessionDefinition definition, int[] counts) {
        long nowMs = wallClock.getAsLong();
        long nowNanos = System.nanoTime();
        long leftMs = stored.deadline().toEpochMilli() - nowMs;
        if (leftMs <= 0) {
            store.releaseHeldCall(stored.callId());
            counts[EXPIRED]++;
            return null;
        }
        if (stored.delivering()) {
            if (!definition.idempotent().contains(stored.method())) {
                store.releaseHeldCall(stored.callId());
                counts[LOST]++;
                return null;
            }
            store.unmarkDelivering(stored.callId()); // delivered again
        }
        CallMeta meta;
        try {
            meta = StoredMeta.decode(stored.meta());
        } catch (IllegalArgumentException e) {
            log.warn(
                    "{} held call {} of '{}' kept without its headers: {}",
                    LogId.HELD_CALL_HEADERS_LOST,
                    stored.callId(),
                    stored.alias(),
                    e.getMessage());
            meta = CallMeta.NONE;
        }
        Codec codec = Codec.forName(stored.codec()).orElse(Codec.JSON);
        WaitingCall call = new WaitingCall(
                stored.callId(),
                new Call(
                        new GoneCaller(codec),
                        0,
                        stored.alias(),
                        stored.method(),
                        meta,
                        stored.payload(),
                        nowNanos + TimeUnit.MILLISECONDS.toNanos(leftMs),
                        stored.arrival(),
                        false,
                        false));
        counts[WAITING]++;
        return call;
    }
}
