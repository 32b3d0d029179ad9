package io.switchboard.server.cluster.link;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.switchboard.server.logging.LogId;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.Address;
import org.jgroups.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's links to the other members (docs/cluster.md, "The link"): a listener on {@code cluster-host:
 * cluster-link-port}, and one TCP connection to each member this node sends to, opened at the first message. Each
 * node writes only on the connections it opened and reads only on those it accepted: no race between two nodes
 * connecting to each other, no tie-break, one writer per socket. A member whose connection either way closes is
 * reported lost ({@link Loss}), so that the calls forwarded to it are answered at once; and when this node cannot
 * reach a member, it closes the member's connection to it too, so that the member fails its calls here rather than
 * wait for results that cannot come back.
 *
 * <p>Only members get in: a connecting node proves, per connection, that it knows this node's link secret, which
 * it learned from this node's {@link LinkAnnouncement} over JGroups; and it must be in the current view.
 */
public final class NodeLinks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeLinks.class);
    /** How long a member whose link could not be opened is not tried again. */
    public static final long RETRY_AFTER_MS = 1_000;

    /** Where a message from a member goes (ClusterNode.dispatch). */
    public interface Receiver {
        void received(Address from, byte[] array, int offset, int length);
    }

    /** Told when a member's link closed while it is still a member: its forwarded calls have no way back. */
    public interface Loss {
        void linkLost(Address node, String why);
    }

    private final String host;
    private final LinkOptions options;
    private final Receiver receiver;
    private final Loss loss;
    private final byte[] secret = LinkAuth.newSecret();
    private final LinkWarnings warnings = new LinkWarnings();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Map<Address, LinkAnnouncement> peers = new ConcurrentHashMap<>();
    private final Map<Address, OutboundLink> outbound = new ConcurrentHashMap<>();
    private final Map<Address, Channel> inbound = new ConcurrentHashMap<>();
    /** Members whose link could not be opened, until when they are not tried again (a dead process refuses). */
    private final Map<Address, Long> unreachableUntil = new ConcurrentHashMap<>();

    private volatile Set<Address> members = Set.of();
    private volatile UUID self;
    private volatile Channel server;
    private volatile boolean closed;

    private NodeLinks(String host, LinkOptions options, Receiver receiver, Loss loss) {
        this.host = host;
        this.options = options;
        this.receiver = receiver;
        this.loss = loss;
    }

    /**
     * Listens for the other members' connections on {@code host:port} (0: a free port).
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static NodeLinks bind(String host, int port, LinkOptions options, Receiver receiver, Loss loss) {
        NodeLinks links = new NodeLinks(host, options, receiver, loss);
        ChannelFuture bound = new ServerBootstrap()
                .group(options.acceptors(), options.workers())
                .channel(options.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        links.acceptorPipeline(ch);
                    }
                })
                .bind(host, port);
        if (!bound.awaitUninterruptibly(options.connectTimeoutMs() * 2) || !bound.isSuccess()) {
            bound.channel().close();
            Throwable cause = bound.cause();
            throw new IllegalStateException("cluster link: cannot listen on " + host + ":" + port + ": "
                    + (cause == null ? "timed out" : cause.getMessage()));
        }
        links.server = bound.channel();
        return links;
    }

    private void acceptorPipeline(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        options.tls().ifPresent(tls -> p.addLast("tls", tls.server().newHandler(ch.alloc())));
        p.addLast("frames", LinkFrames.decoder(LinkFrames.MAX_HANDSHAKE_BYTES));
        p.addLast("handshake", new LinkAcceptor(this));
    }

    /** The port the link listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** What this node tells the members: its address and secret. Only ever sent over JGroups. */
    public LinkAnnouncement announcement() {
        return new LinkAnnouncement(host, port(), secret);
    }

    /** This node's own address, once it has joined: its hello names it. */
    public void self(Address address) {
        if (!(address instanceof UUID uuid)) {
            throw new IllegalStateException("cluster link: the JGroups address " + address + " is not a UUID");
        }
        self = uuid;
    }

    /**
     * Sends a message to a member over its link, connecting first if needed; the message waits (bounded) meanwhile.
     *
     * @return false when it cannot be sent: not a member, this node closing, or the link's output is full (which
     *     closes the link: the member is treated as lost)
     */
    public boolean send(Address to, byte[] bytes) {
        if (closed || !members.contains(to) || to.equals(self)) {
            return false;
        }
        if (!reachable(to)) {
            dropInbound(to); // its calls here cannot be answered: let it fail them now, not at their deadlines
            return false;
        }
        OutboundLink link = outbound.computeIfAbsent(to, node -> new OutboundLink(this, node, options));
        return link.send(bytes);
    }

    /**
     * Whether messages to {@code member} are tried: false for {@link #RETRY_AFTER_MS} after its link could not be
     * opened (a killed node refuses connections until failure detection removes it from the view), so that routing
     * can prefer other nodes meanwhile.
     */
    public boolean reachable(Address member) {
        Long until = unreachableUntil.get(member);
        if (until == null) {
            return true;
        }
        if (System.nanoTime() - until >= 0) {
            unreachableUntil.remove(member, until);
            return true;
        }
        return false;
    }

    /** A member's announcement arrived over JGroups: links waiting for its address connect now. */
    public void announced(Address from, LinkAnnouncement announcement) {
        if (closed) {
            return;
        }
        peers.put(from, announcement);
        OutboundLink waiting = outbound.get(from);
        if (waiting != null) {
            waiting.addressKnown(announcement);
        }
    }

    /** The view changed: the links of members that left are closed (their calls are failed by the view change). */
    public void viewChanged(Collection<Address> current) {
        Set<Address> now = Set.copyOf(current);
        members = now;
        peers.keySet().removeIf(a -> !now.contains(a));
        unreachableUntil.keySet().removeIf(a -> !now.contains(a));
        for (OutboundLink link : List.copyOf(outbound.values())) {
            if (!now.contains(link.node)) {
                link.close("left the cluster", true);
            }
        }
        inbound.forEach((node, ch) -> {
            if (!now.contains(node)) {
                ch.close();
            }
        });
    }

    /**
     * Closes the connections with {@code member} both ways, as a broken network would: the calls forwarded to it
     * are answered {@code publisher-lost}; the next message opens a new link. For tests and diagnosis.
     */
    public void disconnect(Address member) {
        OutboundLink link = outbound.get(member);
        if (link != null) {
            link.close("disconnected on request", false);
        }
        dropInbound(member);
    }

    /** Closes the listener and every link, without reporting losses: the node is leaving. */
    @Override
    public void close() {
        closed = true;
        Channel s = server;
        if (s != null) {
            s.close();
        }
        for (OutboundLink link : List.copyOf(outbound.values())) {
            link.close("this node is leaving", true);
        }
        inbound.values().forEach(Channel::close);
    }

    // --- used by the link's handlers and connections

    LinkAnnouncement peer(Address node) {
        return peers.get(node);
    }

    boolean isMember(Address node) {
        return members.contains(node);
    }

    int maxMessageBytes() {
        return options.maxMessageBytes();
    }

    byte[] hello(byte[] targetSecret, byte[] nonce) {
        UUID me = self;
        if (me == null) {
            throw new IllegalStateException("not joined yet");
        }
        return LinkAuth.hello(me.getMostSignificantBits(), me.getLeastSignificantBits(), targetSecret, nonce);
    }

    boolean beginHandshake() {
        if (closed || handshakes.incrementAndGet() > LinkOptions.MAX_HANDSHAKES) {
            handshakes.decrementAndGet();
            return false;
        }
        return true;
    }

    void endHandshake() {
        handshakes.decrementAndGet();
    }

    /**
     * The member a hello proves to be.
     *
     * @throws IllegalArgumentException saying why it is refused
     */
    Address authenticate(byte[] hello, byte[] nonce) {
        LinkAuth.Hello h = LinkAuth.check(hello, secret, nonce);
        if (!h.proven()) {
            throw new IllegalArgumentException("it did not prove this node's link secret");
        }
        for (Address member : members) {
            if (member instanceof UUID u
                    && u.getMostSignificantBits() == h.msb()
                    && u.getLeastSignificantBits() == h.lsb()
                    && !u.equals(self)) {
                return member;
            }
        }
        throw new IllegalArgumentException("it is not a member of the current view");
    }

    void inboundOpened(Address from, Channel ch) {
        Channel previous = inbound.put(from, ch);
        if (previous != null && previous != ch) {
            previous.close(); // the member reconnected: its old connection is dead or dying
        }
        if (closed || !members.contains(from)) {
            ch.close();
        }
    }

    void inboundClosed(Address from, Channel ch) {
        if (inbound.remove(from, ch)
                && !closed
                && members.contains(from)
                && !ch.eventLoop().isShuttingDown()) {
            loss.linkLost(from, "its link connection to this node closed");
        }
    }

    void received(Address from, ByteBuf frame) {
        if (!members.contains(from)) {
            if (warnings.allow(LogId.LINK_STRAY_MESSAGE)) {
                log.warn("{} cluster link: dropped a message from {}, not a member", LogId.LINK_STRAY_MESSAGE, from);
            }
            return;
        }
        byte[] bytes = LinkFrames.bytes(frame);
        receiver.received(from, bytes, 0, bytes.length);
    }

    void refused(SocketAddress remote, String why) {
        if (warnings.allow(LogId.LINK_REFUSED)) {
            log.warn("{} cluster link: refused a connection from {}: {}", LogId.LINK_REFUSED, remote, why);
        }
    }

    void badInbound(Address from, Throwable cause) {
        if (warnings.allow(LogId.LINK_STRAY_MESSAGE)) {
            log.warn(
                    "{} cluster link: closed the connection from {}: {}",
                    LogId.LINK_STRAY_MESSAGE,
                    from,
                    cause.toString());
        }
    }

    void outboundClosed(OutboundLink link, String why, boolean wasOpen, boolean quiet) {
        outbound.remove(link.node, link);
        if (quiet || closed) {
            return;
        }
        dropInbound(link.node); // lost one way is lost both ways: the member fails its calls here too
        if (!wasOpen) {
            unreachableUntil.put(link.node, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_MS));
        }
        if (!wasOpen && warnings.allow(LogId.LINK_UNREACHABLE)) {
            log.warn(
                    "{} cluster link: cannot reach member {} ({}): {}; calls to it are answered publisher-lost",
                    LogId.LINK_UNREACHABLE,
                    link.node,
                    peers.containsKey(link.node) ? peers.get(link.node) : "address not announced",
                    why);
        }
        loss.linkLost(link.node, why);
    }

    private void dropInbound(Address member) {
        Channel in = inbound.get(member);
        if (in != null) {
            in.close();
        }
    }

    void overflowed(Address node, long bytes) {
        if (!warnings.allow(LogId.LINK_OVERFLOW)) {
            return;
        }
        log.warn(
                "{} cluster link to {}: {} bytes of output waiting, more than {}: link closed, its calls answered "
                        + "publisher-lost",
                LogId.LINK_OVERFLOW,
                node,
                bytes,
                options.maxPendingBytes());
    }

    long handshakeTimeoutMs() {
        return options.connectTimeoutMs();
    }
}
