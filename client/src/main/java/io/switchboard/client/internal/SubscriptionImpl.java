package io.switchboard.client.internal;

import io.switchboard.client.SessionListener;
import io.switchboard.client.Subscription;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Subscribe;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One subscribed alias: SUBSCRIBE (again after reconnects) and pass every event to the listener. */
final class SubscriptionImpl implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionImpl.class);

    private final String alias;
    private final SessionListener listener;
    private final Consumer<SubscriptionImpl> onClose;
    private Connection subscribedOn;
    private CompletableFuture<SessionEvent> subscribing;
    private volatile boolean closed;

    SubscriptionImpl(String alias, SessionListener listener, Consumer<SubscriptionImpl> onClose) {
        this.alias = alias;
        this.listener = listener;
        this.onClose = onClose;
    }

    /** SUBSCRIBEs on {@code c} once; the listener hears the answer before any later notification. */
    synchronized CompletableFuture<SessionEvent> subscribeOn(Connection c, Requests requests, long deadlineNanos) {
        if (subscribedOn != c) {
            subscribedOn = c;
            subscribing =
                    requests.send(c, req -> new Subscribe(req, alias), deadlineNanos, "SUBSCRIBE " + alias, answer -> {
                        SessionEvent state = Requests.expect(answer, SessionEvent.class);
                        notify(state);
                        return state;
                    });
        }
        return subscribing;
    }

    void notify(SessionEvent event) {
        if (closed) {
            return;
        }
        try {
            listener.onChange(PublicValues.sessionChange(event));
        } catch (RuntimeException e) {
            LOG.warn("{} session listener of '{}' failed on {}", LogId.SESSION_LISTENER_FAILED, alias, event, e);
        }
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}
