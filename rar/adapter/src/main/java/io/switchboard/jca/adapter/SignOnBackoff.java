package io.switchboard.jca.adapter;

import jakarta.resource.spi.SecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps a connection definition from hammering the server with credentials it refused: after an {@code unauthorized}
 * refusal, new connections for the same credentials fail at once, without connecting, until a backoff passes (1 s,
 * doubling per refusal up to 30 s); the warning is logged once per 60 s, not per attempt. Other credentials are not
 * affected. Bounded: at most {@link #MAX_ENTRIES} refused credentials are remembered, the oldest forgotten first.
 */
final class SignOnBackoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 64;

    private static final Logger LOG = Logger.getLogger(SignOnBackoff.class.getName());

    private record Refusal(int count, long untilNanos, String message) {}

    private final ThrottledLog warnings = new ThrottledLog(LOG, Duration.ofSeconds(60));
    private final Duration initial;
    private final Duration max;

    // Guarded by this; keys hold passwords, so this map is never logged.
    private final Map<Credentials, Refusal> refused = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Credentials, Refusal> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    SignOnBackoff() {
        this(INITIAL, MAX);
    }

    SignOnBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Throws the last refusal again while its backoff runs. */
    synchronized void check(Credentials credentials) throws SecurityException {
        Refusal last = refused.get(credentials);
        if (last != null && System.nanoTime() - last.untilNanos() < 0) {
            long waitMs =
                    Duration.ofNanos(last.untilNanos() - System.nanoTime()).toMillis();
            throw unauthorized(last.message() + "; not trying again for " + waitMs + " ms (" + last.count()
                    + " refusal(s) in a row)");
        }
    }

    /** Records a refusal and returns the exception for it. */
    SecurityException refused(Credentials credentials, String why) {
        Refusal next;
        synchronized (this) {
            Refusal last = refused.get(credentials);
            int count = last == null ? 1 : last.count() + 1;
            long delay = Math.min(max.toNanos(), initial.toNanos() << Math.min(count - 1, 20));
            String message =
                    "unauthorized: the Switchboard server refused the credentials of " + credentials + " (" + why + ")";
            next = new Refusal(count, System.nanoTime() + delay, message);
            refused.put(credentials, next);
        }
        Refusal logged = next;
        warnings.warn(
                () -> logged.message() + "; new connections for this user back off up to " + max.toSeconds() + " s");
        return unauthorized(next.message());
    }

    /** A login with these credentials succeeded: no more backoff for them. */
    synchronized void succeeded(Credentials credentials) {
        if (refused.remove(credentials) != null) {
            warnings.reset();
        }
    }

    private static SecurityException unauthorized(String message) {
        return new SecurityException(message, "unauthorized");
    }
}
