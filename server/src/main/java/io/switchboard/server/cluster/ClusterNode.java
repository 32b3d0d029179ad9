package io.switchboard.server.cluster;

import io.switchboard.server.cluster.link.LinkAnnouncement;
import io.switchboard.server.cluster.link.LinkOptions;
import io.switchboard.server.cluster.link.NodeLinks;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreException;
import io.switchboard.server.store.Takeover;
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
import java.util.function.Consumer;
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
 * <p>Its membership epoch is taken from the store before it joins: a counter unique for the life of the database,
 * which fences the tickets and held calls it owns. The coordinator of each view takes over the rows of the nodes
 * that are gone ({@link #takeOvers}); docs/cluster.md, "Shared durable state".
 */
public final class ClusterNode implements Receiver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
    /** How often loads are compared and changed ones announced: at most one update per alias per tick. */
    static final long TICK_MS = 100;
    /** The most aliases one node announces, and the most kept per other member. */
    public static final int MAX_ALIASES_PER_NODE = 10_000;

    static final long LEAVE_DEADLINE_MS = 10_000;
    /** How often the coordinator looks for gone nodes' work besides at view changes (a failed takeover retries). */
    static final long TAKEOVER_PERIOD_MS = 10_000;

    private final ClusterSettings settings;
    private final String nodeName;
    private final ClusterDirectory remote = new ClusterDirectory(MAX_ALIASES_PER_NODE);
    private final LocalAliases local;
    /** The server's session directory: told when other members' publications change (SUBSCRIBE's events). */
    private final SessionDirectory sessions;

    private final ScheduledExecutorService thread;
    private volatile JChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile View view;
    private final long epoch;
    /** The shared store: epochs, node rows, takeovers. */
    private final Store store;
    /** Works on the rows taken over from gone nodes; null until {@link #takeOvers} (then the coordinator looks). */
    private volatile Consumer<Takeover> takeovers;
    /** Waiting FETCHes here learn of outcomes stored on other nodes; none until set. */
    private volatile Consumer<String> outcomes;

    private long badMessageWarnedAt;
    /** The registry's part in the cluster; null until {@link ClusterRegistry} is installed. */
    private volatile ClusterRegistry registry;

    private long strayMessageWarnedAt;
    /** The TCP links to the other members that carry {@link #sendTo} messages (docs/cluster.md, "The link"). */
    private volatile NodeLinks links;
    /** This node's end of the call link (calls across nodes); null until {@link ClusterRouting} is installed. */
    private volatile ClusterRouting link;
    /** This node's end of the front doors' link; null until {@link RemoteHandlers} is installed. */
    private volatile RemoteHandlers doors;

    private ClusterNode(ClusterSettings settings, String nodeName, SessionDirectory directory, Store store) {
        this.settings = settings;
        this.store = store;
        this.epoch = store.ownerEpoch();
        this.nodeName = nodeName;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-cluster");
            t.setDaemon(true);
            return t;
        });
        this.local = new LocalAliases(directory, MAX_ALIASES_PER_NODE, () -> onClusterThread(this::flushMarked));
        this.sessions = directory;
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
     * @param store      the shared store, whose epoch ({@link Store#takeEpoch}) this node has taken already; its
     *                   connections serve JDBC_PING2
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
            Store store,
            Optional<SSLContext> tls,
            long deadlineMs,
            LinkOptions link) {
        if (store.ownerEpoch() <= 0) {
            throw new IllegalStateException("cluster '" + settings.name() + "': no epoch taken from the store");
        }
        ClusterNode node = new ClusterNode(settings, nodeName, directory, store);
        try {
            node.links = NodeLinks.bind(settings.host(), settings.linkPort(), link, node::dispatch, node::linkLost);
            node.connect(store.dataSource(), tls, deadlineMs);
            node.links.self(node.channel.getAddress());
            // From now on the coordinator may take this node's rows over when it is not in a view.
            store.nodeAddress(node.epoch, memberId(node.channel.getAddress()));
        } catch (StoreException e) {
            node.close();
            throw new IllegalStateException("cluster '" + settings.name() + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        directory.listen(node.local);
        directory.remote(node.remote);
        node.thread.scheduleWithFixedDelay(node::sample, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return node;
    }

    /** A member's id as the store's node rows keep it: its UUID, which no other channel ever has. */
    static String memberId(Address address) {
        return address instanceof org.jgroups.util.UUID uuid ? uuid.toStringLong() : String.valueOf(address);
    }

    /**
     * Works on the pending tickets and held calls of gone nodes from now on: whenever this node is the coordinator
     * (at each view, and every {@link #TAKEOVER_PERIOD_MS} in case a takeover failed), it takes over the rows of
     * the nodes recorded as alive that are not in the view, and hands them to {@code work}. Call once, before
     * serving.
     */
    public void takeOvers(Consumer<Takeover> work) {
        takeovers = work;
        onClusterThread(this::takeOverIfCoordinator);
        thread.scheduleWithFixedDelay(
                this::takeOverIfCoordinator, TAKEOVER_PERIOD_MS, TAKEOVER_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** On the cluster thread. Every node could do it safely (each row changes owner by a CAS); one suffices. */
    private void takeOverIfCoordinator() {
        Consumer<Takeover> work = takeovers;
        View v = view;
        if (work == null || v == null || closed.get() || !v.getCoord().equals(channel.getAddress())) {
            return;
        }
        try {
            Takeover taken = store.takeOver(id -> {
                View now = view; // read after the node rows: a node that recorded its address is in it
                return now.getMembers().stream().anyMatch(m -> memberId(m).equals(id));
            });
            if (!taken.isEmpty()) {
                log.info(
                        "{} took over the work of gone node(s) (epochs {}): {} pending ticket(s), {} held call(s)",
                        LogId.CLUSTER_TOOK_OVER,
                        taken.epochs(),
                        taken.tickets().size(),
                        taken.held().size());
            }
            work.accept(taken);
        } catch (RuntimeException e) {
            if (closed.get()) {
                return; // leaving: the close interrupted the store's work; the others take over from here
            }
            log.warn(
                    "{} taking over the work of gone nodes failed, trying again within {} ms: {}",
                    LogId.CLUSTER_TAKEOVER_FAILED,
                    TAKEOVER_PERIOD_MS,
                    e.toString());
        }
    }

    /**
     * Tells the other members that a ticket's outcome is stored (their waiting FETCHes read it), and hands such news
     * from them to {@code here}. Call once, before serving.
     */
    public Consumer<String> outcomes(Consumer<String> here) {
        outcomes = here;
        return ticketId -> onClusterThread(() -> send(null, OutcomeMessage.encode(ticketId)));
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
        // Aliases of members that left: a subscriber hears of the last publisher anywhere going.
        remote.retain(next.getMembers()).forEach(sessions::remoteChanged);
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
        ClusterRegistry shared = registry;
        if (shared != null) {
            List<Address> left = previous == null
                    ? List.of()
                    : previous.getMembers().stream()
                            .filter(m -> !next.containsMember(m))
                            .toList();
            shared.viewChanged(left, joined);
        }
        if (previous != null && previous.getMembers().stream().anyMatch(m -> !next.containsMember(m))) {
            onClusterThread(this::takeOverIfCoordinator); // a member left: its work needs an owner
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
     * the call link, {@link FrontDoorLinkMessage#FORMAT} to the front doors' link, anything else to the directory. Every way a message can arrive ends here.
     */
    void dispatch(Address from, byte[] array, int offset, int length) {
        if (length > 0 && array[offset] == OutcomeMessage.FORMAT) {
            Consumer<String> here = outcomes;
            try {
                String ticketId = OutcomeMessage.decode(array, offset, length);
                if (here != null) {
                    here.accept(ticketId);
                }
            } catch (IllegalArgumentException e) {
                warnBadMessage(from, e);
            }
            return;
        }
        if (length > 0 && array[offset] == LinkMessage.FORMAT) {
            ClusterRouting routing = link;
            if (routing != null) {
                routing.received(from, array, offset, length);
            }
            return;
        }
        if (length > 0 && array[offset] == RegistryMessage.FORMAT) {
            ClusterRegistry shared = registry;
            if (shared != null) {
                shared.received(from, array, offset, length);
            }
            return;
        }
        if (length > 0 && array[offset] == FrontDoorLinkMessage.FORMAT) {
            RemoteHandlers frontDoors = doors;
            if (frontDoors != null) {
                frontDoors.received(from, array, offset, length);
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
        remote.apply(from, decoded).forEach(sessions::remoteChanged);
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

    /** Multicasts ({@code to} null) or unicasts a message in order with this node's others; failures are logged. */
    void send(Address to, byte[] bytes) {
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

    /**
     * Shares {@code registry} with the other members (docs/cluster.md, "The registry across nodes"). Call once after
     * joining, before the server registers its own entries and serves.
     */
    public void shareRegistry(io.switchboard.server.registry.Registry registry) {
        ClusterRegistry.install(this, registry);
    }

    /** Installs the registry's part: registry messages go to it from now on. */
    void registry(ClusterRegistry shared) {
        registry = shared;
    }

    /** Installs the front doors' link end. */
    void frontDoors(RemoteHandlers remote) {
        doors = remote;
    }

    /** Whether the node has left (or is leaving) the cluster. */
    boolean isClosed() {
        return closed.get();
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

    /** The JGroups channel: for tests that make this node crash ({@code Util.shutdown}). */
    JChannel channel() {
        return channel;
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
        ClusterRegistry shared = registry;
        if (shared != null) {
            shared.close();
        }
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
