package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.switchboard.server.logging.LogId;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the front doors' messages between two nodes in the order they were sent. The link may deliver them out of
 * order (JGroups out-of-band unicasts), and order matters: {@code $lines} sends to one line from one connection, and
 * a handler's sends before its answer to an event. The sender numbers its messages per receiver, from 1; the receiver
 * hands each on only after its predecessors, holding early ones back.
 *
 * <p>Bounded: at most {@value #MAX_WAITING} messages are held per sender, for at most {@value #GAP_MS} ms; past
 * either, the gap is given up (logged) and what is held goes on in order, so nothing waits forever. A member
 * that leaves the view is forgotten on both ends: numbering starts again at 1 should it come back.
 */
final class InOrder {

    private static final Logger log = LoggerFactory.getLogger(InOrder.class);
    static final int MAX_WAITING = 4096;
    static final long GAP_MS = 5_000;

    /** What one sender sent here: the next number expected, and the messages that came before it. */
    private static final class From {
        long expected = 1;
        final TreeMap<Long, Runnable> waiting = new TreeMap<>();
        /** The expected number when the gap check was armed; a check that finds it unchanged gives the gap up. */
        long gapChecked = -1;
    }

    /** A message to hand on in its turn. */
    interface Turn extends Runnable {
        /** What to keep while it waits for its turn: a copy of its bytes, should the link reuse its buffer. */
        default Runnable kept() {
            return this;
        }
    }

    private final HashedWheelTimer timer;
    private final long gapMs;
    private final Map<Address, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<Address, From> received = new ConcurrentHashMap<>();

    InOrder(HashedWheelTimer timer) {
        this(timer, GAP_MS);
    }

    /** With another longest wait for a missing message (tests). */
    InOrder(HashedWheelTimer timer, long gapMs) {
        this.timer = timer;
        this.gapMs = gapMs;
    }

    /** The number of the next message to {@code to}. */
    long next(Address to) {
        return sent.computeIfAbsent(to, a -> new AtomicLong()).incrementAndGet();
    }

    /** Message {@code seq} from {@code sender}: {@code deliver} runs now if its turn came, else when it does. */
    void arrived(Address sender, long seq, Turn deliver) {
        From from = received.computeIfAbsent(sender, a -> new From());
        synchronized (from) {
            if (seq < from.expected) {
                deliver.run(); // after a gap was given up: late, but never lost
                return;
            }
            if (seq > from.expected) {
                from.waiting.put(seq, deliver.kept());
                if (from.waiting.size() > MAX_WAITING) {
                    giveUpGap(sender, from, "more than " + MAX_WAITING + " messages came after it");
                } else if (from.gapChecked != from.expected) {
                    armGapCheck(sender, from);
                }
                return;
            }
            deliver.run();
            from.expected++;
            drain(from);
        }
    }

    private static void drain(From from) {
        Runnable next;
        while ((next = from.waiting.remove(from.expected)) != null) {
            next.run();
            from.expected++;
        }
    }

    private void armGapCheck(Address sender, From from) {
        long expected = from.expected;
        from.gapChecked = expected;
        timer.newTimeout(
                t -> {
                    synchronized (from) {
                        if (from.expected == expected && !from.waiting.isEmpty()) {
                            giveUpGap(sender, from, "it did not come within " + gapMs + " ms");
                        }
                    }
                },
                gapMs,
                TimeUnit.MILLISECONDS);
    }

    private static void giveUpGap(Address sender, From from, String why) {
        log.warn(
                "{} cluster: front door message {} from {} is missing and {}: the {} message(s) after it go on",
                LogId.FRONT_DOOR_LINK_GAP,
                from.expected,
                sender,
                why,
                from.waiting.size());
        from.expected = from.waiting.firstKey();
        drain(from);
    }

    /** Forgets the members not in {@code members} (both directions). */
    void retain(Collection<Address> members) {
        sent.keySet().retainAll(members);
        received.keySet().retainAll(members);
    }
}
