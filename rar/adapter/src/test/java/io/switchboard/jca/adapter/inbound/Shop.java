package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An annotated test bean: typed, generic, call-aware, failing, idempotent and slow methods. */
public class Shop implements CallMethods {

    public record Order(String sku, int quantity) {}

    public record Reservation(String sku, int quantity, String id) {}

    /** Concurrency inside {@link #slow}, across all instances; reset by the tests. */
    static final AtomicInteger running = new AtomicInteger();

    static final AtomicInteger mostRunning = new AtomicInteger();
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @CallMethod("reserve")
    public Reservation reserve(Order order) {
        return new Reservation(order.sku(), order.quantity(), order.sku() + "-" + order.quantity());
    }

    @CallMethod("total")
    public int total(List<Order> orders) {
        return orders.stream().mapToInt(Order::quantity).sum();
    }

    @CallMethod("whoami")
    public Map<String, Object> whoami(Call call) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("caller", call.caller());
        answer.put("headers", call.headers());
        answer.put("alias", call.alias());
        answer.put("method", call.method());
        return answer;
    }

    @CallMethod("fail")
    public void fail() {
        throw new IllegalStateException("out of stock");
    }

    @CallMethod(value = "count", idempotent = true)
    public long count(int upTo) {
        return upTo;
    }

    @CallMethod("slow")
    public String slow() throws InterruptedException {
        int now = running.incrementAndGet();
        mostRunning.accumulateAndGet(now, Math::max);
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            return "done";
        } finally {
            running.decrementAndGet();
        }
    }

    /** What WildFly's endpoint proxy throws for a call that arrives while it stops the bean. */
    @CallMethod("closing")
    public void closing() {
        throw new org.jboss.as.ejb3.component.EJBComponentUnavailableException(
                "WFLYEJB0421: Invocation cannot proceed as component is shutting down");
    }

    /** Not published: no annotation. */
    public String helper() {
        return "not a call method";
    }

    /** What the container's proxy for this bean looks like: the bean's methods plus MessageEndpoint. */
    public static class Endpoint extends Shop implements LifecycleEndpoint {
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
