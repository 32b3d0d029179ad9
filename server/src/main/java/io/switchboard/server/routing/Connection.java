package io.switchboard.server.routing;

import io.netty.channel.Channel;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.transport.OutboundQueue;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's view of one client connection: how to write to it, what it negotiated, what it publishes
 * and subscribes to, and the deliveries it holds as a publisher. Shared by all event loops.
 */
public final class Connection implements Caller {

    private static final AtomicLong IDS = new AtomicLong();

    /** The server's id of this connection, unique while the server runs; tags scatter-gather replies. */
    private final long id = IDS.incrementAndGet();

    private final Channel channel;
    private final OutboundQueue outbound;
    private volatile Codec codec = Codec.JSON;
    private volatile String clientName = "?";
    /** The caller part of every call this connection makes, from its HELLO: encoded once, sent with each. */
    private volatile CallMeta callerMeta = CallMeta.NONE;

    /** The client certificate verified in the TLS handshake (mutual TLS); null without one. */
    private volatile X509Certificate peerCertificate;

    private volatile boolean admin;
    private volatile boolean textMode;
    private volatile boolean established;
    private volatile boolean closed;

    /** Deliveries forwarded to this connection as a publisher, by server delivery id. */
    final Map<Long, Delivery> outstanding = new ConcurrentHashMap<>();
    /** Ids of the calls this connection made that have not had their RESULT yet: a DELIVER reusing one is refused. */
    private final Set<Long> callsInFlight = ConcurrentHashMap.newKeySet();
    /** What this connection publishes, by alias. */
    final Map<String, Publication> publications = new ConcurrentHashMap<>();
    /** Aliases this connection subscribed to, each with whether it has seen the alias published since. */
    final Map<String, Boolean> subscriptions = new ConcurrentHashMap<>();

    public Connection(Channel channel) {
        this.channel = channel;
        this.outbound = new OutboundQueue(channel);
    }

    /** Queues a message; it is written and flushed on the channel's event loop, batched with others. */
    public void send(Message message) {
        outbound.send(message);
    }

    /** A call this connection made is answered: the RESULT goes out like any other message, and its id is free. */
    @Override
    public void answer(Result result) {
        callsInFlight.remove(result.id());
        outbound.send(result);
    }

    /** A call with {@code id} starts; false when a call of this connection with that id has not been answered yet. */
    boolean startCall(long id) {
        return callsInFlight.add(id);
    }

    /**
     * Writes and flushes {@code message} now, after anything already queued. Only on the channel's event loop;
     * the handshake uses it so WELCOME is encoded before the codec switches.
     */
    public void sendNow(Message message) {
        outbound.send(message);
        outbound.drain();
    }

    /** Writes what is queued, then closes: the peer gets everything sent before, e.g. a last ERROR. */
    public void close() {
        outbound.execute(() -> {
            outbound.drain();
            channel.close();
        });
    }

    /** The write path, for the heartbeat, which watches when it last wrote and sends its PINGs through it. */
    public OutboundQueue outbound() {
        return outbound;
    }

    /**
     * Records the handshake's outcome.
     *
     * @param caller the client's name as publishers will see it (checked by {@link CallMeta#caller(String)})
     */
    public void established(Codec codec, boolean textMode, CallMeta caller, boolean admin) {
        this.codec = codec;
        this.textMode = textMode;
        this.callerMeta = caller;
        this.clientName = caller.caller().isEmpty() ? "?" : caller.caller();
        this.admin = admin;
        this.established = true;
    }

    void markClosed() {
        closed = true;
    }

    /** Set by the TLS handshake when the client presented a certificate the client CA verified. */
    public void peerCertificate(X509Certificate certificate) {
        this.peerCertificate = certificate;
    }

    /**
     * The client's certificate, verified against {@code tls-client-ca} during the TLS handshake (subject and
     * SANs name the client); empty without mutual TLS. Set before the first byte of HELLO is read.
     */
    public Optional<X509Certificate> peerCertificate() {
        return Optional.ofNullable(peerCertificate);
    }

    /** The caller of every call this connection makes: its client name, no headers. */
    public CallMeta callerMeta() {
        return callerMeta;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    public boolean isEstablished() {
        return established;
    }

    @Override
    public Codec codec() {
        return codec;
    }

    /** Text mode: payloads are written raw into JSON lines, so they must be compact JSON. */
    @Override
    public boolean isTextMode() {
        return textMode;
    }

    public boolean isAdmin() {
        return admin;
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public int outstandingCount() {
        return outstanding.size();
    }

    @Override
    public String toString() {
        return clientName + "@" + channel.remoteAddress();
    }
}
