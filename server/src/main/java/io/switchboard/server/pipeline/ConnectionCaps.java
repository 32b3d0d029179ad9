package io.switchboard.server.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.transport.LogInterval;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code max-connections}, {@code max-connections-per-address} and {@code reserved-connections}, decided when a
 * connection is accepted. Up to {@code max-connections} every connection is admitted; the next
 * {@code reserved-connections} are admitted for admins only (their HELLO must carry the admin credentials); beyond
 * that, or beyond {@code max-connections-per-address} from one IP address, the connection is refused. A refused
 * connection is not counted; it is told {@code too-many-connections} in its own mode as soon as its first bytes show
 * the mode (or, when none come within a second, in text mode), and closed.
 */
final class ConnectionCaps {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCaps.class);
    /** How long a refused connection may take to show its mode before it is told in text mode. */
    static final long REFUSED_WAIT_MS = 1000;

    enum Admission {
        ADMITTED,
        ADMIN_ONLY,
        REFUSED
    }

    private static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf("switchboard.admission");

    private final int maxConnections;
    private final int maxPerAddress;
    private final int reserved;
    private final ServerCounters counters;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections by remote IP address; an address leaves the map with its last connection. */
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    private final LogInterval refusalLog = new LogInterval(10, TimeUnit.SECONDS);

    ConnectionCaps(ServerConfig config, ServerCounters counters) {
        this.maxConnections = config.maxConnections();
        this.maxPerAddress = config.maxConnectionsPerAddress();
        this.reserved = config.reservedConnections();
        this.counters = counters;
    }

    /** Counts a new connection (uncounted again when it closes) and decides what it may do. */
    Admission admit(Channel channel) {
        InetAddress address = channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        int total = open.incrementAndGet();
        int fromAddress = address == null ? 0 : perAddress.merge(address, 1, Integer::sum);
        Admission admission;
        String why = null;
        if (fromAddress > maxPerAddress) {
            admission = Admission.REFUSED;
            why = address.getHostAddress() + " has " + maxPerAddress
                    + " connections open, the most max-connections-per-address allows";
        } else if (total > maxConnections + reserved) {
            admission = Admission.REFUSED;
            why = "the server has " + maxConnections + " connections open, the most max-connections allows";
        } else if (total > maxConnections) {
            admission = Admission.ADMIN_ONLY;
        } else {
            admission = Admission.ADMITTED;
        }
        if (admission == Admission.REFUSED) {
            release(address);
            counters.connectionRefused();
            long unlogged = refusalLog.admit();
            if (unlogged >= 0) {
                log.warn(
                        "{} refusing a connection from {}: {} ({} more refused since the last report)",
                        LogId.CONNECTION_REFUSED,
                        channel.remoteAddress(),
                        why,
                        unlogged);
            }
        } else {
            channel.closeFuture().addListener(f -> release(address));
        }
        channel.attr(ADMISSION).set(admission);
        return admission;
    }

    private void release(InetAddress address) {
        open.decrementAndGet();
        if (address != null) {
            perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Connections counted now (admitted, including those in the reserve). */
    int open() {
        return open.get();
    }

    /**
     * Once the mode is known (its decoder and encoder installed, the handshake next): a refused connection is told
     * and closed; one in the reserve gets the check that only lets an admin HELLO through.
     */
    void gate(ChannelPipeline pipeline, Connection connection, ServerConfig config) {
        Admission admission = pipeline.channel().attr(ADMISSION).get();
        if (admission == Admission.REFUSED) {
            AdminOnly refused = new AdminOnly(connection, config, this);
            pipeline.addBefore("handshake", "admin-only", refused);
            refused.refuse();
        } else if (admission == Admission.ADMIN_ONLY) {
            pipeline.addBefore("handshake", "admin-only", new AdminOnly(connection, config, this));
        }
    }

    static boolean isRefused(Channel channel) {
        return channel.attr(ADMISSION).get() == Admission.REFUSED;
    }

    /** What a connection over a cap is told. */
    ErrorMessage refusal(ServerConfig config) {
        return new ErrorMessage(
                0,
                ErrorCode.TOO_MANY_CONNECTIONS,
                "the server has as many connections as it allows (max-connections " + maxConnections
                        + ", max-connections-per-address " + maxPerAddress + "); try again later");
    }

    void refusedInReserve() {
        counters.connectionRefused();
    }
}
