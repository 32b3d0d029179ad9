package io.switchboard.server.cluster;

import io.switchboard.server.cluster.link.LinkAnnouncement;
import io.switchboard.server.cluster.link.LinkOptions;
import io.switchboard.server.cluster.link.NodeLinks;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.SessionDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as a member of a JGroups cluster: joins at start, leaves at stop, and keeps the directory of who
 * publishes what in step with the views. On every view, each member sends its own aliases to the members that
 * are new to it (no coordinator owns the state) and drops the entries of the members that left.
 *
 * <p>Its membership epoch is the id of the first view that held it. View ids grow while the cluster lives; a
 * cluster restarted from nothing starts again from low ids (docs/cluster.md says what a later fencing needs).
 */
public final class ClusterNode implements Receiver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    /** How often loads are compared and changed ones announced: at most one update per alias per tick. */
    static final long TICK_MS = 100;
    /** The most aliases one node announces, and the most kept per other member. */
    public static final int MAX_ALIASES_PER_NODE = 10_000;

    static final long LEAVE_DEADLINE_MS = 10_000;

    private final ClusterSettings settings;
    private final String nodeName;
    private final ClusterDirectory remote = new ClusterDirectory(MAX_ALIASES_PER_NODE);
    private final LocalAliases local;
    private final ScheduledExecutorService thread;
    private volatile JChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile View view;
    private volatile long epoch;
    /** Set with the epoch, by the first view that holds this node (JGroups calls viewAccepted in order). */
    private boolean hasEpoch;

    private long badMessageWarnedAt;
    private long strayMessageWarnedAt;
    /** The TCP links to the other members that carry {@link #sendTo} messages (docs/cluster.md, "The link"). */
    private volatile NodeLinks links;
    /** This node's end of the call link (calls across nodes); null until {@link ClusterRouting} is installed. */
    private volatile ClusterRouting link;

    private ClusterNode(ClusterSettings settings, String nodeName, SessionDirectory directory) {
        this.settings = settings;
        this.nodeName = nodeName;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-cluster");
            t.setDaemon(true);
            return t;
        });
        this.local = new LocalAliases(directory, MAX_ALIASES_PER_NODE, () -> onClusterThread(this::flushMarked));
    }

    /** Runs {@code task} on the cluster thread; after {@link #close()} nothing runs. */
    private void onClusterThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: the node has left, nothing more to announce
        }
    }

    /**
     * Joins the cluster and starts announcing {@code directory}'s aliases. Call before the server serves.
     *
     * @param dataSource the store's connections (JDBC_PING2); empty without a PostgreSQL store
     * @param tls        with a context, JGroups' traffic is mutual TLS with it ({@link ClusterTls})
     * @param deadlineMs how long joining may take
     * @param link       how the link to the other members runs (its listener binds before joining)
     * @throws IllegalArgumentException when the stack is unusable (a configuration error)
     * @throws IllegalStateException    when the node cannot join in time, or the link port cannot be bound
     */
    public static ClusterNode join(
            ClusterSettings settings,
            String nodeName,
            SessionDirectory directory,
            Optional<DataSource> dataSource,
            Optional<SSLContext> tls,
            long deadlineMs,
            LinkOptions link) {
        ClusterNode node = new ClusterNode(settings, nodeName, directory);
        try {
            node.links = NodeLinks.bind(settings.host(), settings.linkPort(), link, node::dispatch, node::linkLost);
            node.connect(dataSource, tls, deadlineMs);
            node.links.self(node.channel.getAddress());
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        directory.listen(node.local);
        node.thread.scheduleWithFixedDelay(node::sample, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return node;
    }

    private void connect(Optional<DataSource> dataSource, Optional<SSLContext> tls, long deadlineMs) {
        JChannel ch = ClusterStack.channel(settings, dataSource, tls);
        ch.name(nodeName).setDiscardOwnMessages(true).receiver(this);
        channel = ch;
        CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
            try {
                ch.connect(settings.name());
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
        });
        try {
            joined.get(deadlineMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cluster '" + settings.name() + "': not joined within " + deadlineMs
                    + " ms (is discovery reaching the other members?)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof IllegalStateException ise && ise.getCause() != null
                    ? ise.getCause()
                    : e.getCause();
            throw new IllegalStateException(
                    "cluster '" + settings.name() + "': cannot join on " + settings.host() + ":" + settings.port()
                            + ": " + cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cluster '" + settings.name() + "': interrupted while joining");
        }
        log.info(
                "{} joined cluster '{}' as {} ({} discovery{}, epoch {}): {} member(s)",
                LogId.CLUSTER_JOINED,
                settings.name(),
                ch.getAddress(),
                settings.discovery().wireName(),
                tls.isPresent() ? ", mutual TLS" : "",
                epoch,
                ch.getView().size());
    }

    @Override
    public void viewAccepted(View next) {
        View previous = view;
        view = next;
        if (!hasEpoch && next.containsMember(channel.getAddress())) {
            epoch = next.getViewId().getId();
            hasEpoch = true;
        }
        remote.retain(next.getMembers());
        NodeLinks l = links;
        if (l != null) {
            l.viewChanged(next.getMembers());
        }
        ClusterRouting routing = link;
        if (routing != null) {
            routing.viewChanged(next.getMembers()); // calls forwarded to members that left are answered now
        }
        List<Address> joined = new ArrayList<>();
        for (Address member : next.getMembers()) {
            if (!member.equals(channel.getAddress()) && (previous == null || !previous.containsMember(member))) {
                joined.add(member);
            }
        }
        if (previous != null) {
            log.info(
                    "{} cluster '{}' view {}: {}",
                    LogId.CLUSTER_VIEW,
                    settings.name(),
                    next.getViewId().getId(),
                    next.getMembers());
        }
        if (!joined.isEmpty()) {
            onClusterThread(() -> {
                sendAnnouncement(joined); // before the state: a member that learns our aliases can reach them
                sendState(joined);
            });
        }
    }

    /**
     * A message by JGroups. Link announcements (they carry the link secret) come only this way; call link messages
     * never do (they travel on the link, and are not routed on a JGroups thread).
     */
    @Override
    public void receive(Message message) {
        byte[] array = message.getArray();
        int offset = message.getOffset();
        int length = message.getLength();
        if (length > 0 && array[offset] == LinkAnnouncement.FORMAT) {
            announced(message.getSrc(), array, offset, length);
            return;
        }
        if (length > 0 && array[offset] == LinkMessage.FORMAT) {
            warnStrayMessage(message.getSrc());
            return;
        }
        dispatch(message.getSrc(), array, offset, length);
    }

    private void announced(Address from, byte[] array, int offset, int length) {
        NodeLinks l = links;
        if (l == null) {
            return;
        }
        try {
            l.announced(from, LinkAnnouncement.decode(array, offset, length));
        } catch (IllegalArgumentException e) {
            log.warn(
                    "{} cluster: ignored a link announcement from {}: {}",
                    LogId.LINK_BAD_ANNOUNCEMENT,
                    from,
                    e.getMessage());
        }
    }

    /** The link to {@code node} closed while it is a member: the calls forwarded to it have no way back. */
    private void linkLost(Address node, String why) {
        ClusterRouting routing = link;
        if (routing != null) {
            routing.linkLost(node, why);
        }
    }

    /**
     * Hands a message from another member to its part by its first byte, the format: {@link LinkMessage#FORMAT} to
     * the call link, anything else to the directory. Every way a message can arrive ends here.
     */
    void dispatch(Address from, byte[] array, int offset, int length) {
        if (length > 0 && array[offset] == LinkMessage.FORMAT) {
            ClusterRouting routing = link;
            if (routing != null) {
                routing.received(from, array, offset, length);
            }
            return;
        }
        DirectoryMessage decoded;
        try {
            decoded = DirectoryMessage.decode(array, offset, length, MAX_ALIASES_PER_NODE);
        } catch (RuntimeException e) {
            warnBadMessage(from, e);
            return;
        }
        remote.apply(from, decoded);
    }

    /** Where this node's link listens, and its secret: to the members new to it, over JGroups only. */
    private void sendAnnouncement(List<Address> members) {
        byte[] announcement = links.announcement().encode();
        for (Address member : members) {
            send(member, announcement);
        }
    }

    /** Each member sends its own part to the members new to it: the joining node gets everybody's. */
    private void sendState(List<Address> members) {
        byte[] state = local.state().encode();
        for (Address member : members) {
            send(member, state);
        }
    }

    private void flushMarked() {
        local.flush(false, m -> send(null, m.encode()));
    }

    private void sample() {
        try {
            local.flush(true, m -> send(null, m.encode()));
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep ticking.
            log.warn("{} cluster: announcing aliases failed: {}", LogId.CLUSTER_SEND_FAILED, e.toString());
        }
    }

    private void send(Address to, byte[] bytes) {
        JChannel ch = channel;
        if (ch == null || closed.get() || !ch.isConnected()) {
            return;
        }
        try {
            ch.send(new BytesMessage(to, bytes));
        } catch (Exception e) {
            log.warn(
                    "{} cluster: sending to {} failed: {}",
                    LogId.CLUSTER_SEND_FAILED,
                    to == null ? "all members" : to,
                    e.toString());
        }
    }

    /** Installs the call link's end; it learns the current view at once. */
    void link(ClusterRouting routing) {
        link = routing;
        View v = view;
        if (v != null) {
            routing.viewChanged(v.getMembers());
        }
    }

    /**
     * Sends a message to one member over the link (a TCP connection of this node's own, opened at the first
     * message; docs/cluster.md, "The link"). The bytes arrive unchanged at the member's {@link #dispatch}, whatever
     * their format. Messages to one member arrive in the order sent.
     *
     * @return false when it cannot be sent (not a member, this node leaving, the link's output full); a message
     *     accepted here whose link then fails is reported through the member's loss, not here
     */
    boolean sendTo(Address to, byte[] bytes) {
        NodeLinks l = links;
        return l != null && !closed.get() && l.send(to, bytes);
    }

    /** Whether calls to {@code member} are tried now: not for a moment after its link could not be opened. */
    boolean reachable(Address member) {
        NodeLinks l = links;
        return l == null || l.reachable(member);
    }

    /** The port the link listens on (cluster-link-port, or the one picked for 0). */
    public int linkPort() {
        return links.port();
    }

    /** The link to the other members, for tests that need to reach it. */
    NodeLinks links() {
        return links;
    }

    /** What crossed nodes: calls forwarded out and in, and those failed by a lost node. */
    public ForwardingReport forwarding() {
        ClusterRouting routing = link;
        return routing == null ? ForwardingReport.NONE : routing.report();
    }

    private synchronized void warnStrayMessage(Address from) {
        long now = System.nanoTime();
        if (strayMessageWarnedAt != 0 && now - strayMessageWarnedAt < 60_000_000_000L) {
            return;
        }
        strayMessageWarnedAt = now;
        log.warn(
                "{} cluster: dropped a call link message from {} that came by JGroups: calls travel on the link only "
                        + "(a member of another Switchboard version?)",
                LogId.LINK_STRAY_MESSAGE,
                from);
    }

    private synchronized void warnBadMessage(Address from, RuntimeException e) {
        long now = System.nanoTime();
        if (badMessageWarnedAt != 0 && now - badMessageWarnedAt < 60_000_000_000L) {
            return;
        }
        badMessageWarnedAt = now;
        log.warn(
                "{} cluster: ignored a message from {} that is not a directory message of this version: {}",
                LogId.CLUSTER_BAD_MESSAGE,
                from,
                e.getMessage());
    }

    /** The other members' aliases (the replicated half of the directory). */
    public ClusterDirectory directory() {
        return remote;
    }

    public ClusterSettings settings() {
        return settings;
    }

    public long epoch() {
        return epoch;
    }

    /** This node's address in the cluster. */
    public Address address() {
        return channel.getAddress();
    }

    /** The members of the current view, coordinator first. */
    public List<Address> members() {
        View v = view;
        return v == null ? List.of() : v.getMembers();
    }

    public ClusterReport report() {
        View v = view;
        Map<String, Map<String, AliasLoad>> aliases = new LinkedHashMap<>();
        aliases.put(String.valueOf(address()), local.snapshot());
        remote.snapshot().forEach((member, entries) -> aliases.put(String.valueOf(member), entries));
        return new ClusterReport(
                settings.name(),
                String.valueOf(address()),
                epoch,
                v == null ? 0 : v.getViewId().getId(),
                v == null
                        ? List.of()
                        : v.getMembers().stream().map(String::valueOf).toList(),
                aliases);
    }

    /** Leaves the cluster: the others drop this node's entries at the view change. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        thread.shutdownNow();
        JChannel ch = channel;
        if (ch == null) {
            closeLinks();
            return;
        }
        boolean wasConnected = ch.isConnected();
        CompletableFuture<Void> left = CompletableFuture.runAsync(ch::close);
        try {
            left.get(LEAVE_DEADLINE_MS, TimeUnit.MILLISECONDS);
            if (wasConnected) {
                log.info("{} left cluster '{}'", LogId.CLUSTER_LEFT, settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "{} cluster '{}': leaving did not finish within {} ms: {}",
                    LogId.CLUSTER_LEAVE_FAILED,
                    settings.name(),
                    LEAVE_DEADLINE_MS,
                    e.toString());
        }
        closeLinks(); // after leaving: the others see the view change first, not a lost link
    }

    private void closeLinks() {
        NodeLinks l = links;
        if (l != null) {
            l.close();
        }
    }
}
