package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transacted test bean: each method runs in the container's {@link TestTransaction}. A failing method marks it
 * rollback-only before it throws, as a container does for a bean's system exception.
 */
public class Ledger implements CallMethods {

    /** How many more calls of {@link #book} fail; reset by the tests. */
    static final AtomicInteger failuresLeft = new AtomicInteger();
    /** The delivery count each call of {@link #book} saw, in order. */
    static final List<Integer> deliveryCounts = new CopyOnWriteArrayList<>();

    @CallMethod("book")
    public String book(Call call) {
        deliveryCounts.add(call.deliveryCount());
        if (failuresLeft.getAndDecrement() > 0) {
            TestTransaction.current().setRollbackOnly();
            throw new IllegalStateException("ledger locked");
        }
        return "booked " + call.payloadAs(String.class);
    }

    /** Rolls back without an exception, as {@code setRollbackOnly()} on the bean's context does. */
    @CallMethod("veto")
    public String veto() {
        TestTransaction.current().setRollbackOnly();
        return "vetoed";
    }

    /** Runs past the caller's deadline (bounded), then rolls back. */
    @CallMethod("overrun")
    public String overrun(Call call) throws InterruptedException {
        deliveryCounts.add(call.deliveryCount());
        long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!call.remaining().isNegative() && System.nanoTime() - bound < 0) {
            Thread.sleep(10);
        }
        TestTransaction.current().setRollbackOnly();
        throw new IllegalStateException("too slow");
    }

    /** An application exception that does not roll back: the transaction commits, the caller gets the message. */
    @CallMethod("decline")
    public String decline() throws Exception {
        throw new Exception("declined, and committed");
    }

    /** The container's proxy for this bean. */
    public static class Endpoint extends Ledger implements LifecycleEndpoint {
        private final EndpointLifecycle lifecycle;

        Endpoint(EndpointLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public EndpointLifecycle lifecycle() {
            return lifecycle;
        }
    }
}
