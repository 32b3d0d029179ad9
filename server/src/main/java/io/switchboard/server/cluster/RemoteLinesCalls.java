package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jgroups.Address;

/**
 * The {@code $lines} calls this node passed to other nodes and is waiting for: each is answered once, when every node
 * asked has answered, or left the view, or {@value #TIMEOUT_MS} ms passed (then the nodes still silent count as not
 * having the line). At most {@value #MAX_PENDING} wait at once; past that a call is answered {@code busy}.
 */
final class RemoteLinesCalls {

    static final long TIMEOUT_MS = 10_000;
    static final int MAX_PENDING = 4096;

    private final class Pending {
        final long id;
        final String line;
        final Set<Address> waitingFor;
        final List<Result> answers = new ArrayList<>();
        final Consumer<List<Result>> done;
        Timeout timer;

        Pending(long id, String line, Collection<Address> asked, Consumer<List<Result>> done) {
            this.id = id;
            this.line = line;
            this.waitingFor = new HashSet<>(asked);
            this.done = done;
        }

        /** Takes {@code node}'s answer; true when it was the last one awaited. */
        synchronized boolean answered(Address node, Result answer) {
            if (!waitingFor.remove(node)) {
                return false;
            }
            answers.add(answer);
            return waitingFor.isEmpty();
        }

        /** Counts every node still silent as not having the line; true when anything was still awaited. */
        synchronized boolean giveUp(Set<Address> nodes, String why) {
            boolean any = false;
            for (Address node : List.copyOf(waitingFor)) {
                if (nodes == null || nodes.contains(node)) {
                    waitingFor.remove(node);
                    answers.add(Result.failure(0, ResultCode.NO_SUCH_LINE, "node " + node + " " + why));
                    any = true;
                }
            }
            return any && waitingFor.isEmpty();
        }
    }

    private final HashedWheelTimer timer;
    private final LineHomes homes;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    RemoteLinesCalls(HashedWheelTimer timer, LineHomes homes) {
        this.timer = timer;
        this.homes = homes;
    }

    /**
     * Starts a call to {@code nodes}; {@code send} sends it to each with the request id. {@code done} gets every
     * node's answer, once.
     */
    void ask(Collection<Address> nodes, String line, Consumer<List<Result>> done, BiConsumer<Address, Long> send) {
        if (nodes.isEmpty()) {
            done.accept(List.of());
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            done.accept(List.of(Result.failure(
                    0,
                    ResultCode.BUSY,
                    "this node waits for " + MAX_PENDING + " $lines calls on other nodes already")));
            return;
        }
        long id = nextId.incrementAndGet();
        Pending call = new Pending(id, line, nodes, done);
        pending.put(id, call);
        call.timer = timer.newTimeout(
                t -> {
                    if (call.giveUp(null, "did not answer within " + TIMEOUT_MS + " ms")) {
                        finish(call);
                    }
                },
                TIMEOUT_MS,
                TimeUnit.MILLISECONDS);
        for (Address node : nodes) {
            send.accept(node, id);
        }
    }

    /** {@code from}'s answer to call {@code id}; a late one (its call answered) is dropped. */
    void answered(Address from, long id, Result answer) {
        Pending call = pending.get(id);
        if (call == null) {
            return;
        }
        if (call.line != null) {
            if (answer.code() == ResultCode.NO_SUCH_LINE) {
                if (from.equals(homes.home(call.line))) {
                    homes.forget(call.line); // closed since
                }
            } else {
                homes.learned(call.line, from);
            }
        }
        if (call.answered(from, answer)) {
            finish(call);
        }
    }

    /** Nodes that left the view have no lines any more: what they were asked counts as not found. */
    void viewChanged(Set<Address> members) {
        for (Pending call : List.copyOf(pending.values())) {
            Set<Address> gone = new HashSet<>();
            synchronized (call) {
                for (Address node : call.waitingFor) {
                    if (!members.contains(node)) {
                        gone.add(node);
                    }
                }
            }
            if (!gone.isEmpty() && call.giveUp(gone, "left the cluster")) {
                finish(call);
            }
        }
    }

    private void finish(Pending call) {
        if (pending.remove(call.id, call)) {
            call.timer.cancel();
            List<Result> answers;
            synchronized (call) {
                answers = List.copyOf(call.answers);
            }
            call.done.accept(answers);
        }
    }

    int pending() {
        return pending.size();
    }
}
