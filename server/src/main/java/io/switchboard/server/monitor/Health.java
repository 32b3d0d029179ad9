package io.switchboard.server.monitor;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the server serves, for {@code /healthz}: starting until every listener is bound and the store loaded,
 * then serving unless it drains, shuts down or its store's writes fail.
 */
public final class Health {

    private volatile boolean started;
    private volatile BooleanSupplier shuttingDown = () -> false;
    private volatile BooleanSupplier draining = () -> false;
    private volatile Supplier<Optional<String>> storeFailure = Optional::empty;

    /** Every listener is bound and the store loaded. */
    public void started() {
        started = true;
    }

    /** Where the server's state is read from, once it exists. */
    public void watch(BooleanSupplier shuttingDown, BooleanSupplier draining, Supplier<Optional<String>> storeFailure) {
        this.shuttingDown = shuttingDown;
        this.draining = draining;
        this.storeFailure = storeFailure;
    }

    /** Why the server does not serve now ({@code starting}, {@code draining}, ...); empty when it does. */
    public Optional<String> problem() {
        if (shuttingDown.getAsBoolean()) {
            return Optional.of("shutting down");
        }
        if (!started) {
            return Optional.of("starting");
        }
        if (draining.getAsBoolean()) {
            return Optional.of("draining");
        }
        return storeFailure.get().map(why -> "store failing: " + why);
    }
}
