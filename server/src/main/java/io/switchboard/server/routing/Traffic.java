package io.switchboard.server.routing;

/**
 * What one connection carried, for the monitoring port's {@code /connz}. Each field is written only by the
 * connection's own event loop (plain fields: no fence on the hot path); the monitoring port reads them racily,
 * which is fine for figures that only grow.
 */
public final class Traffic {

    long bytesIn;
    long bytesOut;
    long callsOut;
    long callsIn;

    /** Bytes read from the socket (before TLS is removed). On the event loop only. */
    public void read(long bytes) {
        bytesIn += bytes;
    }

    /** Bytes written to the socket. On the event loop only. */
    public void wrote(long bytes) {
        bytesOut += bytes;
    }

    /** The connection sent a DELIVER (a call it makes). On the event loop only. */
    public void callMade() {
        callsOut++;
    }

    /** A DELIVER went to the connection (a call it takes as a publisher). On the event loop only. */
    public void callTaken() {
        callsIn++;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long callsOut() {
        return callsOut;
    }

    public long callsIn() {
        return callsIn;
    }
}
