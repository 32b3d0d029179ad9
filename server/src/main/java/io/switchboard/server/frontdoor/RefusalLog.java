package io.switchboard.server.frontdoor;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.transport.LogInterval;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A front door's refusals and limit closes (per-address caps and rates, max-lines, a line's rate and message size,
 * protocol errors, the handshake deadline, an oversized upgrade request): one WARN per interval with the number of
 * the others, as {@code ConnectionCaps} does for the client port, so a flood of hostile users cannot flood the log.
 * They are counted in {@link FrontDoorStats} as well. Any thread.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    /** How often a refusal is logged at most. */
    static final long INTERVAL_SECONDS = 10;

    private final String door;
    private final LogInterval interval;

    RefusalLog(String door) {
        this.door = door;
        this.interval = new LogInterval(INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** A user was refused or its line closed for {@code why} (a limit, not the user's or application's choice). */
    void refused(SocketAddress from, String why) {
        long unlogged = interval.admit();
        if (unlogged >= 0) {
            log.warn(
                    "{} front door '{}' refused {}: {} ({} more refused since the last report)",
                    LogId.FRONT_DOOR_REFUSED,
                    door,
                    address(from),
                    why,
                    unlogged);
        }
    }

    private static String address(SocketAddress from) {
        // The IP address only: enough to find a flood's source, and no port numbers to fill the log.
        return from instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(from);
    }
}
