package io.switchboard.jca.adapter;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Decides which pooled connections are dead, for validate-on-match and background validation. A connection known
 * to be lost (the client saw the socket close or a SHUTDOWN) is invalid without further ado; otherwise
 * {@code pingTimeout} decides whether to ask the server, as Apache::Backend::POE did:
 * <ul>
 *   <li>{@code 0}: ping on every validation;</li>
 *   <li>{@code < 0}: never ping;</li>
 *   <li>{@code > 0}: ping only when the connection has been idle longer than that many seconds.</li>
 * </ul>
 * A ping waits at most {@code validationTimeoutMillis}; no answer in time, or any failure, means invalid. The
 * container hands connections over one at a time, so each validation is bounded by that one deadline.
 */
final class ConnectionValidator {

    private static final Logger LOG = Logger.getLogger(ConnectionValidator.class.getName());

    private ConnectionValidator() {}

    static Set<Object> invalidAmong(Set<Object> connections, ConnectionSettings settings) {
        Set<Object> invalid = new HashSet<>();
        for (Object candidate : connections) {
            if (candidate instanceof SwitchboardManagedConnection mc && !isValid(mc, settings)) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    static boolean isValid(SwitchboardManagedConnection mc, ConnectionSettings settings) {
        long start = System.nanoTime();
        boolean valid = check(mc, settings);
        mc.statistics().validationDone(System.nanoTime() - start, valid);
        return valid;
    }

    private static boolean check(SwitchboardManagedConnection mc, ConnectionSettings settings) {
        if (!mc.isUsable()) {
            LOG.fine(() -> mc + " is invalid: " + mc.whyUnusable());
            return false;
        }
        if (!needsPing(mc, settings.pingTimeoutSeconds())) {
            return true;
        }
        Duration timeout = settings.validationTimeout();
        boolean answered = mc.ping(timeout);
        if (!answered) {
            LOG.fine(() -> mc + " is invalid: no pong within " + timeout.toMillis() + " ms");
        }
        return answered;
    }

    private static boolean needsPing(SwitchboardManagedConnection mc, int pingTimeoutSeconds) {
        if (pingTimeoutSeconds < 0) {
            return false;
        }
        return pingTimeoutSeconds == 0 || mc.idleTime().compareTo(Duration.ofSeconds(pingTimeoutSeconds)) > 0;
    }
}
