package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.CallRefusedException;
import io.switchboard.jca.adapter.inbound.ActivationCounters.Outcome;
import io.switchboard.jca.api.inbound.Call;
import io.switchboard.protocol.ResultCode;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call run by the message-driven bean, as a {@link Work} on the container's work manager: an endpoint from
 * the factory, {@code beforeDelivery}, the bean method, {@code afterDelivery} (always, once beforeDelivery
 * succeeded), the endpoint released. The outcome completes {@link #result()}, which the client turns into the
 * call's RESULT: a value is {@code ok}, a failure {@code handler-error} with the bean's own message, and a call
 * the container would not run {@code busy} (no thread or instance) or {@code shutting-down} (the bean stops).
 */
final class Delivery implements Work {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    private final MessageEndpointFactory endpoints;
    private final SessionDispatch dispatch;
    private final Call call;
    private final Owner owner;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    /** Who counts the calls in progress and rescinds when the bean stops: the activation. */
    interface Owner {
        /**
         * The call is over, told before its result completes: completing it sends the RESULT, after which the
         * server may send the next call at once, which must find this one no longer counted.
         */
        void finished();

        /**
         * The RESULT is handed to the connection (or will be, by the I/O thread's current task): told after the
         * result completes, so a drain that waits for it never closes the connection under an answer.
         */
        void answered();

        /** The container refused the call because it is stopping the bean. */
        void beanStopping();

        /** How the call ended, for the activation's counters; told once, before {@link #finished()}. */
        void ended(ActivationCounters.Outcome outcome);
    }

    Delivery(MessageEndpointFactory endpoints, SessionDispatch dispatch, Call call, Owner owner) {
        this.endpoints = endpoints;
        this.dispatch = dispatch;
        this.call = call;
        this.owner = owner;
    }

    /** Completes once, with the bean's answer or the failure the caller is told about. */
    CompletableFuture<Object> result() {
        return result;
    }

    /** Answers the call with {@code value}; the first outcome wins. */
    void succeed(Object value) {
        if (finished.compareAndSet(false, true)) {
            owner.ended(Outcome.DELIVERED);
            owner.finished();
            result.complete(value);
            owner.answered();
        }
    }

    /** Answers the call with {@code failure}; the first outcome wins. */
    void fail(Outcome outcome, Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            owner.ended(outcome);
            owner.finished();
            result.completeExceptionally(failure);
            owner.answered();
        }
    }

    /** Completes the result when the work manager gives up on this work before it ran. */
    WorkListener listener() {
        return new WorkAdapter() {
            @Override
            public void workRejected(WorkEvent event) {
                String why = event.getException() == null
                        ? ""
                        : ": " + event.getException().getMessage();
                fail(
                        Outcome.REFUSED_BY_WORK_MANAGER,
                        new CallRefusedException(
                                ResultCode.BUSY, "the container's work manager rejected the call" + why));
            }
        };
    }

    @Override
    public void run() {
        if (released.get()) {
            fail(
                    Outcome.REFUSED_STOPPING,
                    new CallRefusedException(ResultCode.SHUTTING_DOWN, "the message-driven bean is being undeployed"));
            return;
        }
        if (call.remaining().isNegative() || call.remaining().isZero()) {
            // The caller has its timeout already; running the bean would be wasted work.
            fail(Outcome.REFUSED_EXPIRED, new DeliveryFailedException("the deadline passed before the call ran"));
            return;
        }
        MessageEndpoint endpoint;
        try {
            endpoint =
                    endpoints.createEndpoint(null, Math.max(1, call.remaining().toMillis()));
        } catch (Exception e) {
            fail(
                    Outcome.REFUSED_NO_BEAN_INSTANCE,
                    new CallRefusedException(ResultCode.BUSY, "no message-driven bean instance: " + e.getMessage()));
            return;
        }
        try {
            deliverTo(endpoint);
        } finally {
            endpoint.release();
        }
    }

    private void deliverTo(MessageEndpoint endpoint) {
        Method method = dispatch.listenerMethod(call.method());
        try {
            endpoint.beforeDelivery(method);
        } catch (NoSuchMethodException | ResourceException | RuntimeException e) {
            boolean stopping = stopping(e);
            fail(
                    stopping ? Outcome.REFUSED_STOPPING : Outcome.CONTAINER_FAILED,
                    stopping
                            ? refusedWhileStopping()
                            : new DeliveryFailedException("the container refused the delivery: " + e.getMessage()));
            return;
        }
        Object value = null;
        Throwable failure = null;
        Outcome outcome = Outcome.DELIVERED;
        try {
            value = dispatch.invoke(endpoint, call);
        } catch (Exception | Error e) {
            boolean stopping = stopping(e);
            outcome = stopping ? Outcome.REFUSED_STOPPING : Outcome.BEAN_FAILED;
            failure = stopping ? refusedWhileStopping() : beanFailure(e);
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException | RuntimeException e) {
                // e.g. the transaction the container began in beforeDelivery rolled back: the answer is void.
                if (failure == null) {
                    outcome = Outcome.CONTAINER_FAILED;
                    failure = new DeliveryFailedException(
                            "the container failed to complete the delivery: " + e.getMessage());
                }
            }
        }
        if (failure != null) {
            LOG.log(Level.FINE, failure, () -> "call " + call + " failed in the message-driven bean");
            fail(outcome, failure);
        } else {
            succeed(value);
        }
    }

    /**
     * Whether the container refused the call because it is stopping the bean: WildFly lets no new invocation in
     * once an undeploy has begun, well before it deactivates the endpoint.
     */
    static boolean stopping(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.jboss.as.ejb3.component.EJBComponentUnavailableException")) {
                return true;
            }
        }
        return false;
    }

    private CallRefusedException refusedWhileStopping() {
        owner.beanStopping();
        return new CallRefusedException(ResultCode.SHUTTING_DOWN, "the message-driven bean is stopping");
    }

    /** The exception the bean threw, out of the container's and reflection's wrappers. */
    static Throwable beanFailure(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        if (t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException
                || t instanceof CompletionException) {
            return true;
        }
        // The container wraps a bean's system exception in an EJBException; the API is not ours to depend on.
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("jakarta.ejb.EJBException")) {
                return true;
            }
        }
        return false;
    }

    /** The container wants the thread back (e.g. shutdown): a delivery not yet started will not start. */
    @Override
    public void release() {
        released.set(true);
    }

    @Override
    public String toString() {
        return "Delivery[" + call + "]";
    }
}
