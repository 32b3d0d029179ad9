package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.CallRefusedException;
import io.switchboard.client.ClientResources;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.Publication;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.UnauthorizedException;
import io.switchboard.jca.adapter.ThrottledLog;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.transport.Backoff;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One message-driven bean's session on the Switchboard server, kept published for as long as the bean is
 * deployed. The whole life of the connection is this state machine, run by one long-running {@link Work}:
 *
 * <pre>
 *   CONNECTING --published--> PUBLISHED --connection lost--> DISCONNECTED --backoff--> CONNECTING
 *        |  \--failed--> DISCONNECTED                |
 *        |                              stop, or the container stopping the bean
 *      stop                                          v
 *        \--------------> STOPPED <--drained-- DRAINING
 * </pre>
 *
 * Only this work's thread opens and closes clients, so no client is ever closed under another thread's feet;
 * {@link #stop()} asks for the stop and waits, bounded, for the thread to finish draining.
 *
 * <p>Each delivered call becomes a {@link Delivery}, queued in a {@link DeliveryQueue} that work-manager threads
 * drain; at most {@code maxConcurrency} are in progress. The server knows that cap (the publication's in-flight
 * cap) and answers {@code busy} beyond it, so nothing queues here without bound.
 */
final class SessionActivation implements Work, WorkContextProvider {

    enum State {
        CONNECTING,
        PUBLISHED,
        DISCONNECTED,
        DRAINING,
        STOPPED
    }

    private static final Logger LOG = Logger.getLogger(SessionActivation.class.getName());
    /** How long a stop waits beyond the drain and one connection attempt before it gives up on the thread. */
    private static final Duration STOP_SLACK = Duration.ofSeconds(2);

    private final ActivationSettings settings;
    private final SessionDispatch dispatch;
    private final MessageEndpointFactory endpoints;
    private final WorkManager workManager;
    private final ClientResources resources;
    private final boolean longRunningHint;
    private final Backoff backoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private State state = State.CONNECTING;
    private boolean stopRequested;
    private boolean beanStopping;
    private boolean connectionLost;
    private int generation;
    /** The server of the connection lost last: the next connection tries the URL after it first. */
    private ServerUrl lostUrl;

    /** Calls holding one of the maxConcurrency slots: from delivery until just before the RESULT is sent. */
    private final AtomicInteger inProgress = new AtomicInteger();
    /** Calls whose RESULT is not yet handed to the connection: what a drain waits for before it closes. */
    private final AtomicInteger unanswered = new AtomicInteger();

    private final Delivery.Owner owner = new Delivery.Owner() {
        @Override
        public void finished() {
            inProgress.decrementAndGet();
        }

        @Override
        public void answered() {
            SessionActivation.this.answered();
        }

        @Override
        public void beanStopping() {
            SessionActivation.this.beanStopping();
        }

        @Override
        public void ended(ActivationCounters.Outcome outcome) {
            counters.ended(outcome);
        }

        @Override
        public void redelivering() {
            counters.redelivering();
        }
    };

    private final ActivationCounters counters = new ActivationCounters();
    /** Calls waiting for a work-manager thread, and the drainer works that take them (maxConcurrency at most). */
    private final DeliveryQueue deliveries;

    // Only the activation thread touches these.
    private SwitchboardClient client;
    private Publication publication;
    private int failedAttempts;
    /** Where the session was published last, to log a move to another server. */
    private ServerUrl publishedOn;
    /** Failed attempts warn once per minute, not once per attempt. */
    private final ThrottledLog failureLog = new ThrottledLog(LOG, Duration.ofSeconds(60));

    SessionActivation(
            ActivationSettings settings,
            SessionDispatch dispatch,
            MessageEndpointFactory endpoints,
            WorkManager workManager,
            ClientResources resources,
            boolean longRunningHint) {
        this.settings = settings;
        this.dispatch = dispatch;
        this.endpoints = endpoints;
        this.workManager = workManager;
        this.resources = resources;
        this.longRunningHint = longRunningHint;
        this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
        this.deliveries =
                new DeliveryQueue(settings.maxConcurrency(), settings.maxConcurrency(), workManager, settings.alias());
    }

    /** Hands the state machine to the work manager and returns at once: the server may well be down. */
    void start() throws WorkException {
        workManager.scheduleWork(this, WorkManager.INDEFINITE, null, new WorkAdapter() {
            @Override
            public void workRejected(WorkEvent event) {
                rejected(
                        event.getException() == null
                                ? "rejected"
                                : event.getException().getMessage());
            }
        });
    }

    ActivationCounters counters() {
        return counters;
    }

    ActivationSettings settings() {
        return settings;
    }

    /** Calls holding a maxConcurrency slot now. */
    int callsInProgress() {
        return Math.max(0, inProgress.get());
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rescinds the session, lets deliveries in progress finish (up to the drain timeout), closes the connection,
     * all on the activation's thread; waits for that, bounded, so undeploy and server shutdown never hang.
     * Returns whether the activation stopped in time. Safe to call more than once.
     */
    boolean stop() {
        Duration bound = settings.drainTimeout()
                .plus(settings.connectTimeout().multipliedBy(2))
                .plus(STOP_SLACK);
        long deadline = System.nanoTime() + bound.toNanos();
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
            while (state != State.STOPPED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning(() -> "the activation of '" + settings.alias() + "' did not stop within " + bound
                            + " (state " + state + ", " + unanswered.get() + " calls in progress); leaving it behind");
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The container refused a call because it is undeploying the bean: rescind now, so the server stops routing
     * calls here (other publishers of the alias get them), rather than when the container deactivates the endpoint.
     */
    private void beanStopping() {
        lock.lock();
        try {
            if (!beanStopping) {
                beanStopping = true;
                changed.signalAll();
                LOG.fine(() -> "'" + settings.alias() + "': the container is stopping the bean; rescinding");
            }
        } finally {
            lock.unlock();
        }
    }

    /** The container wants the thread back: same as a stop, without waiting for it. */
    @Override
    public void release() {
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The work manager could not run the state machine at all: nothing to stop later. */
    private void rejected(String why) {
        LOG.severe(() -> "the activation of '" + settings.alias() + "' cannot run: " + why);
        moveTo(State.STOPPED);
    }

    @Override
    public void run() {
        State current = state();
        try {
            while (current != State.STOPPED) {
                State next = step(current);
                if (next != current) {
                    State from = current;
                    LOG.fine(() -> "'" + settings.alias() + "': " + from + " -> " + next);
                }
                current = next;
                moveTo(current);
            }
        } catch (RuntimeException | Error e) {
            LOG.log(
                    Level.SEVERE,
                    "the activation of '" + settings.alias() + "' failed; the session is not" + " published any more",
                    e);
            closeClient();
            moveTo(State.STOPPED);
        }
    }

    private State step(State current) {
        switch (current) {
            case CONNECTING:
                return connectAndPublish();
            case PUBLISHED:
                return awaitLossOrStop();
            case DISCONNECTED:
                State next = awaitRetry();
                if (next == State.CONNECTING) {
                    counters.reconnecting();
                }
                return next;
            case DRAINING:
                return drain();
            default:
                throw new IllegalStateException("no step from " + current);
        }
    }

    private State connectAndPublish() {
        if (isStopRequested()) {
            return State.STOPPED;
        }
        int mine = nextGeneration();
        try {
            client = SwitchboardClient.connect(settings.clientOptions(resources, new Watch(mine), lastLost()));
            publication = client.publish(settings.publishOptions(dispatch), this::deliver, Runnable::run);
        } catch (RuntimeException e) {
            failedAttempts++;
            int attempt = failedAttempts;
            // Refused credentials stay refused until someone fixes them: say so plainly, once per interval.
            UnauthorizedException refused = refusedCredentials(e);
            String why = refused != null
                    ? "unauthorized: the server refused the credentials of "
                            + (settings.userName() == null ? "no user" : "user " + settings.userName())
                            + " (" + refused.getMessage() + ")"
                    : e.getMessage();
            failureLog.warn(() -> "cannot publish '" + settings.alias() + "' on " + settings.serverUrls()
                    + " (attempt " + attempt + "): " + why + "; retrying with backoff up to "
                    + settings.reconnectMax().toMillis() + " ms");
            closeClient();
            return State.DISCONNECTED;
        }
        ServerUrl on = client.connectedUrl().orElse(null);
        ServerUrl before = publishedOn;
        publishedOn = on;
        LOG.info(() -> "published '" + settings.alias() + "' " + dispatch.methods() + " on " + on
                + (before != null && !before.equals(on) ? " (moved from " + before + ")" : "")
                + " with at most " + settings.maxConcurrency() + " calls at once"
                + (failedAttempts > 0 ? " after " + failedAttempts + " failed attempts" : ""));
        failedAttempts = 0;
        failureLog.reset();
        return State.PUBLISHED;
    }

    /** The server's refusal of the credentials among {@code e}'s causes; null if none. */
    private static UnauthorizedException refusedCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnauthorizedException refused) {
                return refused;
            }
        }
        return null;
    }

    private State awaitLossOrStop() {
        lock.lock();
        try {
            // No deadline needed for correctness, but a bounded wait re-checks the flags now and then anyway.
            while (!stopRequested && !beanStopping && !connectionLost) {
                changed.await(1, TimeUnit.SECONDS);
            }
            if (stopRequested || beanStopping) {
                return State.DRAINING;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.DRAINING;
        } finally {
            lock.unlock();
        }
        LOG.warning(() -> "lost the connection to " + publishedOn + " publishing '" + settings.alias()
                + "'; reconnecting" + (settings.serverUrls().size() > 1 ? ", to the next server first" : ""));
        closeClient();
        return State.DISCONNECTED;
    }

    private State awaitRetry() {
        // A lost connection (no failed attempt yet) waits the shortest backoff; failures double it.
        Duration delay = Duration.ofMillis(backoff.delayMillis(Math.max(0, failedAttempts - 1)));
        long deadline = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            while (!stopRequested) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return State.CONNECTING;
                }
                changed.awaitNanos(left);
            }
            return State.STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return State.STOPPED;
        } finally {
            lock.unlock();
        }
    }

    private State drain() {
        if (publication != null) {
            publication.close(); // RESCIND: the server routes nothing new here (bounded by the connect timeout)
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        lock.lock();
        try {
            while (unanswered.get() > 0 && !connectionLost) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warning(() -> "'" + settings.alias() + "': " + unanswered.get() + " calls still in progress"
                            + " after the drain timeout of "
                            + settings.drainTimeout().toMillis() + " ms; their callers"
                            + " get publisher-lost");
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        closeClient();
        LOG.info(() -> "rescinded '" + settings.alias() + "'");
        return State.STOPPED;
    }

    /** Runs on a client I/O thread: queues the call for the work manager's drainers, never blocks on the bean. */
    private Object deliver(IncomingCall incoming) {
        if (inProgress.incrementAndGet() > settings.maxConcurrency()) {
            // Only when calls from a lost connection still run beside the new connection's: the cap holds anyway.
            inProgress.decrementAndGet();
            counters.ended(ActivationCounters.Outcome.REFUSED_AT_CAPACITY);
            throw new CallRefusedException(ResultCode.BUSY, settings.maxConcurrency() + " calls already in progress");
        }
        unanswered.incrementAndGet();
        Delivery delivery = new Delivery(endpoints, dispatch, new CallView(incoming), settings.redeliveries(), owner);
        if (!deliveries.offer(delivery)) {
            delivery.fail(
                    ActivationCounters.Outcome.REFUSED_AT_CAPACITY,
                    new CallRefusedException(
                            ResultCode.BUSY, settings.maxConcurrency() + " calls already wait for a thread"));
        }
        return delivery.result();
    }

    private void answered() {
        if (unanswered.decrementAndGet() == 0) {
            lock.lock();
            try {
                changed.signalAll(); // a drain may be waiting for the last one
            } finally {
                lock.unlock();
            }
        }
    }

    private void closeClient() {
        SwitchboardClient closing = client;
        client = null;
        publication = null;
        if (closing != null) {
            closing.close();
        }
    }

    private boolean isStopRequested() {
        lock.lock();
        try {
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }

    private ServerUrl lastLost() {
        lock.lock();
        try {
            return lostUrl;
        } finally {
            lock.unlock();
        }
    }

    /** A new client: events of older clients no longer count. */
    private int nextGeneration() {
        lock.lock();
        try {
            connectionLost = false;
            return ++generation;
        } finally {
            lock.unlock();
        }
    }

    private void moveTo(State next) {
        lock.lock();
        try {
            state = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Long-running: the work holds its thread for the bean's whole deployment (when the container takes hints). */
    @Override
    public List<WorkContext> getWorkContexts() {
        if (!longRunningHint) {
            return List.of();
        }
        HintsContext hints = new HintsContext();
        hints.setName("switchboard activation " + settings.alias());
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return List.of(hints);
    }

    @Override
    public String toString() {
        return "SessionActivation[" + settings.alias() + ", " + state() + "]";
    }

    /** The connection's events, for one client generation; runs on an I/O thread, so it only flags. */
    private final class Watch implements ConnectionListener {
        private final int mine;

        Watch(int mine) {
            this.mine = mine;
        }

        @Override
        public void lost(ServerUrl url, Throwable cause) {
            lock.lock();
            try {
                if (generation == mine) {
                    connectionLost = true;
                    lostUrl = url;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void shutdownAnnounced(ServerUrl url, long graceMs) {
            LOG.info(() -> "the server at " + url + " is shutting down (grace " + graceMs + " ms); '" + settings.alias()
                    + "' reconnects once the connection closes");
        }
    }
}
