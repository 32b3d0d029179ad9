package io.switchboard.client;

/**
 * Bytes a client has written to and read from its sockets, counted from its creation on, over every connection it
 * made (reconnects and registry look-ups included). The counts are taken at the socket end of the pipeline: the
 * bytes as they travel, after TLS and compression when those are on, frame headers included.
 *
 * @param bytesSent bytes handed to the socket for writing
 * @param bytesReceived bytes read from the socket
 */
public record ClientTraffic(long bytesSent, long bytesReceived) {

    /** No traffic. */
    public static final ClientTraffic NONE = new ClientTraffic(0, 0);

    /** What happened between {@code earlier} and this snapshot. */
    public ClientTraffic since(ClientTraffic earlier) {
        return new ClientTraffic(bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived);
    }
}
