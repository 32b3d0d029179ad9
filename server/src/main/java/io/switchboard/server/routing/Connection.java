package io.switchboard.server.routing;

import io.netty.channel.Channel;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.Pages;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.transport.OutboundQueue;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
    /** What this connection's user may do; set once at the handshake. */
    private volatile Grants grants = Grants.OPEN;
    /** The legacy admin token: admin without authentication (or besides it). */
    private volatile boolean adminToken;

    private volatile boolean textMode;
    private volatile boolean established;
    private volatile boolean closed;
    /** The largest frame the peer accepts (the server's own limit, announced in WELCOME); list answers are paged by it. */
    private volatile int maxFrame = Protocol.DEFAULT_MAX_FRAME_SIZE;

    /** Deliveries forwarded to this connection as a publisher, by server delivery id. */
    final Map<Long, Delivery> outstanding = new ConcurrentHashMap<>();
    /**
     * Ids of the calls this connection made that have not had their RESULT yet (a DELIVER reusing one is refused),
     * each with its {@link MeasuredCall}, or {@link #UNMEASURED} when metrics are off.
     */
    private final Map<Long, Object> callsInFlight = new ConcurrentHashMap<>();
    /** What this connection publishes, by alias. */
    final Map<String, Publication> publications = new ConcurrentHashMap<>();
    /** Aliases this connection subscribed to, each with whether it has seen the alias published since. */
    final Map<String, Boolean> subscriptions = new ConcurrentHashMap<>();

    /** The most calls in flight and subscriptions this connection may have. */
    private final Bounds bounds;

    /** What it carried (the monitoring port's /connz); written by the pipeline's meters. */
    private final Traffic traffic = new Traffic();
    /** When it was accepted, for its age. */
    private final long openedNanos = System.nanoTime();

    /**
     * Per-connection limits.
     *
     * @param maxCalls         calls of this connection waiting for their RESULT ({@code max-inflight-calls-per-connection})
     * @param maxSubscriptions aliases subscribed to at once ({@code max-subscriptions-per-connection})
     * @param maxPublications  aliases published at once ({@code max-publications-per-connection})
     */
    public record Bounds(int maxCalls, int maxSubscriptions, int maxPublications) {
        public static final Bounds NONE = new Bounds(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** A connection without limits and with an unbounded write queue (tests that drive routing directly). */
    public Connection(Channel channel) {
        this.channel = channel;
        this.bounds = Bounds.NONE;
        this.outbound = new OutboundQueue(channel);
    }

    /**
     * @param slowConsumer told, on the event loop, when more is waiting to be written to this connection than the
     *                     channel's high water mark allows; everything sent after that is dropped
     */
    public Connection(Channel channel, Bounds bounds, Consumer<Connection> slowConsumer) {
        this.channel = channel;
        this.bounds = bounds;
        this.outbound = new OutboundQueue(channel, () -> slowConsumer.accept(this));
    }

    /** The WELCOME's {@code max_frame}: what list answers to this peer are paged by. */
    public void maxFrame(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * Sends a list answer (LISTING, ENTRIES) in as many pages as the peer's maximum frame needs, each but the last
     * marked {@code more}: as one answer, queued together, so nothing of this connection's goes in between.
     */
    public <T> void sendPages(List<T> items, Pages.PageBuilder<T> builder) {
        sendAll(Pages.of(items, builder, peer()));
    }

    /** What pages for this peer are cut by: its codec, its mode and its maximum frame. */
    public Pages.Peer peer() {
        return new Pages.Peer(codec, textMode, maxFrame);
    }

    /** Queues {@code messages} in order. */
    public void sendAll(List<Message> messages) {
        for (Message message : messages) {
            outbound.send(message);
        }
    }

    /** Queues a message; it is written and flushed on the channel's event loop, batched with others. */
    public void send(Message message) {
        outbound.send(message);
    }

    /** A call this connection made is answered: the RESULT goes out like any other message, and its id is free. */
    @Override
    public void answer(Result result) {
        // The one place every call of a client connection ends: measured here, exactly once.
        if (callsInFlight.remove(result.id()) instanceof MeasuredCall call) {
            call.recorder.record(result.code(), System.nanoTime() - call.startNanos);
        }
        outbound.send(result);
    }

    /** As {@link #startCall(long, CallMeter.Recorder)}, unmeasured. */
    Result startCall(long id) {
        return startCall(id, CallMeter.Recorder.NONE);
    }

    /**
     * A call with {@code id} starts, unless a call of this connection with that id has not been answered yet, or
     * {@code max-inflight-calls-per-connection} calls have not: then the refusal to answer it with, else null.
     *
     * @param recorder records the call when it is answered (a refusal here is recorded at once)
     */
    Result startCall(long id, CallMeter.Recorder recorder) {
        if (callsInFlight.size() >= bounds.maxCalls() && !callsInFlight.containsKey(id)) {
            recorder.record(ResultCode.BUSY, 0);
            return Result.failure(
                    id,
                    ResultCode.BUSY,
                    "this connection has " + bounds.maxCalls() + " calls waiting for their RESULT, the most "
                            + "max-inflight-calls-per-connection allows");
        }
        Object measured =
                recorder == CallMeter.Recorder.NONE ? UNMEASURED : new MeasuredCall(recorder, System.nanoTime());
        if (callsInFlight.putIfAbsent(id, measured) != null) {
            // Sent, not answered: the first call with this id is still waiting for its own RESULT.
            recorder.record(ResultCode.BAD_REQUEST, 0);
            return Result.failure(
                    id,
                    ResultCode.BAD_REQUEST,
                    "a call with id " + Long.toUnsignedString(id) + " is still in flight on this connection");
        }
        return null;
    }

    /** The value of an unmeasured call in {@link #callsInFlight}: shared, so metrics off allocate nothing more. */
    private static final Object UNMEASURED = Boolean.TRUE;

    /** A measured call in flight: who records it and when it arrived ({@link System#nanoTime()}). */
    private record MeasuredCall(CallMeter.Recorder recorder, long startNanos) {}

    /**
     * Null when this connection may subscribe to {@code alias} (it is already subscribed, or below
     * {@code max-subscriptions-per-connection}); else why not. Asked on the connection's event loop.
     */
    public String subscriptionRefusal(String alias) {
        if (subscriptions.size() < bounds.maxSubscriptions() || subscriptions.containsKey(alias)) {
            return null;
        }
        return "this connection is subscribed to " + bounds.maxSubscriptions() + " aliases, the most "
                + "max-subscriptions-per-connection allows; UNSUBSCRIBE one first";
    }

    /**
     * Writes and flushes {@code message} now, after anything already queued. Only on the channel's event loop;
     * the handshake uses it so WELCOME is encoded before the codec switches.
     */
    public void sendNow(Message message) {
        outbound.send(message);
        outbound.drain();
    }

    /**
     * Null when this connection may publish {@code alias} (it publishes it already, or fewer aliases than
     * {@code max-publications-per-connection}); else why not. Asked on the connection's event loop.
     */
    String publicationRefusal(String alias) {
        if (publications.size() < bounds.maxPublications() || publications.containsKey(alias)) {
            return null;
        }
        return "this connection publishes " + bounds.maxPublications() + " aliases, the most "
                + "max-publications-per-connection allows; RESCIND one first";
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
        established(codec, textMode, caller, admin, Grants.OPEN);
    }

    /**
     * Records the handshake's outcome with the authenticated user's grants.
     *
     * @param adminToken whether HELLO presented the (deprecated) admin token
     */
    public void established(Codec codec, boolean textMode, CallMeta caller, boolean adminToken, Grants grants) {
        this.codec = codec;
        this.textMode = textMode;
        this.callerMeta = caller;
        this.clientName = caller.caller().isEmpty() ? "?" : caller.caller();
        this.adminToken = adminToken;
        this.grants = grants;
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

    /** Whether this connection may make admin requests (SHUTDOWN): its user's admin permission or the token. */
    public boolean isAdmin() {
        return adminToken || grants.admin();
    }

    /** What this connection's user may do. */
    public Grants grants() {
        return grants;
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

    /** Calls this connection made that wait for their RESULT. */
    public int callsInFlight() {
        return callsInFlight.size();
    }

    public Traffic traffic() {
        return traffic;
    }

    /** Nanoseconds since the connection was accepted. */
    public long ageNanos() {
        return System.nanoTime() - openedNanos;
    }

    /** The client's name from its HELLO; "?" before the handshake or without one. */
    public String clientName() {
        return clientName;
    }

    /**
     * Event loop only: this connection is a slow consumer by the server-wide limit; nothing more is queued for it
     * (see {@link OutboundQueue#cutOff}). False when it already was one (by its own limit): nothing to do then.
     */
    public boolean cutOff() {
        if (outbound.isBackedUp()) {
            return false;
        }
        outbound.cutOff();
        return true;
    }

    /** Bytes written to the channel and not yet taken by the socket. */
    public long pendingWriteBytes() {
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public String toString() {
        String user = grants.user();
        return (user == null ? clientName : clientName + "[" + user + "]") + "@" + channel.remoteAddress();
    }
}
