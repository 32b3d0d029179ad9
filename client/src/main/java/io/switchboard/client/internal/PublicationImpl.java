package io.switchboard.client.internal;

import io.switchboard.client.Publication;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionHandler;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** One published session: what to PUBLISH (again after reconnects) and who answers its calls. */
final class PublicationImpl implements Publication {

    private final PublishOptions options;
    private final DeliveryRunner runner;
    private final Consumer<PublicationImpl> onClose;
    private Connection publishedOn;
    private CompletableFuture<Void> publishing;
    private volatile boolean closed;

    PublicationImpl(
            PublishOptions options, SessionHandler handler, Executor executor, Consumer<PublicationImpl> onClose) {
        this.options = options;
        this.runner = new DeliveryRunner(handler, executor);
        this.onClose = onClose;
    }

    /**
     * PUBLISHes on {@code c} unless that was already done there (the first publish and a reconnect's restore
     * may race; the server must see one PUBLISH per connection).
     */
    synchronized CompletableFuture<Void> publishOn(Connection c, Requests requests, long deadlineNanos) {
        if (publishedOn != c) {
            publishedOn = c;
            publishing = requests.send(
                    c,
                    req -> new Publish(
                            req,
                            options.alias(),
                            options.methods(),
                            options.idempotent(),
                            options.maxInflight(),
                            options.policy() == null
                                    ? null
                                    : io.switchboard.protocol.SessionPolicy.forWireName(
                                            options.policy().wireName())),
                    deadlineNanos,
                    "PUBLISH " + options.alias(),
                    Requests::expectAck);
        }
        return publishing;
    }

    void dispatch(Connection connection, Deliver deliver) {
        runner.dispatch(connection, deliver);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String alias() {
        return options.alias();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "Publication[" + options.alias() + " " + options.methods() + "]";
    }
}
