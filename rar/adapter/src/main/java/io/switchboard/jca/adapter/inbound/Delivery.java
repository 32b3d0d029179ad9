package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.CallRefusedException;
import io.switchboard.jca.adapter.inbound.ActivationCounters.Outcome;
import io.switchboard.jca.api.inbound.Call;
import io.switchboard.protocol.ResultCode;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call run by the message-driven bean, on a {@link DeliveryDrainer}'s work-manager thread: an endpoint from
 * the factory, {@code beforeDelivery}, the bean method, {@code afterDelivery} (always, once beforeDelivery
 * succeeded), the endpoint released. The outcome completes {@link #result()}, which the client turns into the
 * call's RESULT: a value is {@code ok}, a failure {@code handler-error} with the bean's own message, and a call
 * the container would not run {@code busy} (no thread or instance) or {@code shutting-down} (the bean stops).
 *
 * <p>A transacted delivery (the container says so for the bean method, e.g. container-managed {@code REQUIRED})
 * hands the endpoint a {@link DeliveryTransaction} for the container to enlist: the call is answered only once the
 * transaction committed. When it rolls back, the call is delivered again to a new endpoint up to
 * {@code redeliveries} times, then answered {@code handler-error} with the rollback's reason.
 */
final class Delivery implements DeliveryQueue.QueuedCall {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    private final MessageEndpointFactory endpoints;
    private final SessionDispatch dispatch;
    private final CallView call;
    private final int redeliveries;
    private final Owner owner;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Told just before the answer is sent, when a drainer runs the call; null until then. */
    private Runnable answering;

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

        /** The call's transaction rolled back and it is delivered again. */
        void redelivering();
    }

    /**
     * @param redeliveries how many more times a call whose transaction rolled back is delivered before it ends
     *     {@code handler-error}: the activation's {@code maxRedeliveries} for a {@code hold} session, else 0
     */
    Delivery(MessageEndpointFactory endpoints, SessionDispatch dispatch, CallView call, int redeliveries, Owner owner) {
        this.endpoints = endpoints;
        this.dispatch = dispatch;
        this.call = call;
        this.redeliveries = redeliveries;
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
            answering();
            result.complete(value);
            owner.answered();
        }
    }

    /** Answers the call with {@code failure}; the first outcome wins. */
    void fail(Outcome outcome, Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            owner.ended(outcome);
            owner.finished();
            answering();
            result.completeExceptionally(failure);
            owner.answered();
        }
    }

    /** Answers the call without running it (the queue refused it, or no drainer is left to take it). */
    @Override
    public void refuse(Outcome outcome, Throwable why) {
        fail(outcome, why);
    }

    private void answering() {
        if (answering != null) {
            answering.run();
        }
    }

    /** Runs the call on this thread; {@code answering} is told just before the answer is sent. */
    @Override
    public void run(Runnable answering) {
        this.answering = answering;
        runToAnswer();
    }

    private void runToAnswer() {
        String rolledBack = null;
        for (int delivery = 1; ; delivery++) {
            if (call.remaining().isNegative() || call.remaining().isZero()) {
                // The caller has its timeout already; running the bean would be wasted work.
                fail(
                        Outcome.REFUSED_EXPIRED,
                        new DeliveryFailedException(
                                rolledBack == null
                                        ? "the deadline passed before the call ran"
                                        : "the deadline passed before the call could be delivered again: "
                                                + rolledBack(delivery - 1, rolledBack)));
                return;
            }
            if (delivery > 1) {
                owner.redelivering();
            }
            rolledBack = deliverOnce(delivery == 1 ? call : call.delivery(delivery));
            if (rolledBack == null) {
                return; // answered
            }
            if (delivery > redeliveries) {
                fail(Outcome.ROLLED_BACK, new DeliveryFailedException(rolledBack(delivery, rolledBack)));
                return;
            }
            int times = delivery;
            LOG.fine(() -> "call " + call + ": the transaction rolled back (" + times + " of at most "
                    + (redeliveries + 1) + " deliveries); delivering it again");
        }
    }

    /** What the caller reads when the bean's transaction rolled back on the last of {@code deliveries}. */
    private static String rolledBack(int deliveries, String reason) {
        return deliveries == 1
                ? "the transaction rolled back: " + reason
                : "the transaction rolled back " + deliveries + " times (redelivered " + (deliveries - 1)
                        + (deliveries == 2 ? " time" : " times") + "): " + reason;
    }

    /**
     * One delivery of the call to a new endpoint. Returns null when the call is answered (or refused), or why the
     * bean's transaction rolled back, leaving the call unanswered for the caller of this method to decide.
     */
    private String deliverOnce(Call delivered) {
        Method method = dispatch.listenerMethod(delivered.method());
        DeliveryTransaction transaction;
        MessageEndpoint endpoint;
        try {
            transaction = method != null && endpoints.isDeliveryTransacted(method) ? new DeliveryTransaction() : null;
            endpoint = endpoints.createEndpoint(
                    transaction, Math.max(1, delivered.remaining().toMillis()));
        } catch (Exception e) {
            fail(
                    Outcome.REFUSED_NO_BEAN_INSTANCE,
                    new CallRefusedException(ResultCode.BUSY, "no message-driven bean instance: " + e.getMessage()));
            return null;
        }
        try {
            return deliverTo(endpoint, method, delivered, transaction);
        } finally {
            endpoint.release();
        }
    }

    private String deliverTo(MessageEndpoint endpoint, Method method, Call delivered, DeliveryTransaction transaction) {
        try {
            endpoint.beforeDelivery(method);
        } catch (NoSuchMethodException | ResourceException | RuntimeException e) {
            boolean stopping = stopping(e);
            fail(
                    stopping ? Outcome.REFUSED_STOPPING : Outcome.CONTAINER_FAILED,
                    stopping
                            ? refusedWhileStopping()
                            : new DeliveryFailedException("the container refused the delivery: " + e.getMessage()));
            return null;
        }
        Object value = null;
        Throwable failure = null;
        Outcome outcome = Outcome.DELIVERED;
        String completionFailure = null;
        try {
            value = dispatch.invoke(endpoint, delivered);
        } catch (Exception | Error e) {
            boolean stopping = stopping(e);
            outcome = stopping ? Outcome.REFUSED_STOPPING : Outcome.BEAN_FAILED;
            failure = stopping ? refusedWhileStopping() : beanFailure(e);
        } finally {
            try {
                endpoint.afterDelivery(); // a transacted delivery commits or rolls back here
            } catch (ResourceException | RuntimeException e) {
                // e.g. the transaction the container began in beforeDelivery rolled back: the answer is void.
                completionFailure = e.getMessage();
                if (failure == null) {
                    outcome = Outcome.CONTAINER_FAILED;
                    failure = new DeliveryFailedException(
                            "the container failed to complete the delivery: " + e.getMessage());
                }
            }
        }
        DeliveryTransaction.Outcome transacted =
                transaction == null ? DeliveryTransaction.Outcome.NOT_ENLISTED : transaction.outcome();
        if (outcome != Outcome.REFUSED_STOPPING && transacted == DeliveryTransaction.Outcome.ROLLED_BACK) {
            return rollbackReason(failure, completionFailure);
        }
        if (transacted == DeliveryTransaction.Outcome.IN_PROGRESS && failure == null) {
            // Enlisted, yet neither committed nor rolled back: nothing says the bean's work is durable.
            outcome = Outcome.CONTAINER_FAILED;
            failure = new DeliveryFailedException(
                    "the container ended the delivery without committing or rolling back its transaction");
        }
        if (failure != null) {
            LOG.log(Level.FINE, failure, () -> "call " + call + " failed in the message-driven bean");
            fail(outcome, failure);
        } else {
            succeed(value);
        }
        return null;
    }

    /** Why the transaction rolled back: the bean's exception, else the container's word, else setRollbackOnly. */
    private static String rollbackReason(Throwable beanFailure, String completionFailure) {
        if (beanFailure != null && !(beanFailure instanceof DeliveryFailedException)) {
            return beanFailure.getMessage() != null
                    ? beanFailure.getMessage()
                    : beanFailure.getClass().getName();
        }
        if (completionFailure != null) {
            return completionFailure;
        }
        return "the bean marked it rollback-only";
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

    @Override
    public String toString() {
        return "Delivery[" + call + "]";
    }
}
