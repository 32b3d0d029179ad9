package io.switchboard.server.routing;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Listing.SessionInfo;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alias to publisher group, plus who subscribed to which alias. Every change of an alias runs inside
 * {@link ConcurrentHashMap#compute} on that alias, so the change, the notifications it causes and a
 * concurrent SUBSCRIBE's answer are ordered the same for everybody.
 */
public final class SessionDirectory {

    /** What became of a PUBLISH. */
    enum PublishOutcome {
        ACCEPTED,
        METHOD_MISMATCH,
        POLICY_MISMATCH
    }

    private final ConcurrentHashMap<String, PublisherGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, Set<Connection>> subscribers = new ConcurrentHashMap<>();
    /** Watchers of aliases (front doors' handler aliases); filled at start, read-only afterwards. */
    private final Map<String, PublicationWatcher> watchers = new ConcurrentHashMap<>();
    /** Told of every alias's local publications coming and going (the cluster's directory); set once at start. */
    private volatile PublicationListener listener;
    /** The sessions other nodes of a cluster publish; set once at start. */
    private volatile RemoteSessions remote = RemoteSessions.NONE;
    /**
     * The aliases other nodes published when this directory last heard of them ({@link #remoteChanged}): changed
     * only inside the alias's compute, so that SUBSCRIBE's events fire for the first publisher anywhere and the
     * last one anywhere, once. Bounded by what other nodes announce (ClusterNode's caps).
     */
    private final Set<String> publishedElsewhere = ConcurrentHashMap.newKeySet();
    /** Keeps sessions beyond their publishers here (hold sessions, listed as away); set once at start. */
    private volatile SessionKeeper keeper = SessionKeeper.NONE;
    /** Routes the calls of the groups this directory makes; set by the router when it is made. */
    private CallRouter router;

    /** Installs the keeper of sessions. Call before serving. */
    public void keeper(SessionKeeper keeper) {
        this.keeper = keeper;
    }

    SessionKeeper keeper() {
        return keeper;
    }

    /** Installs the sessions of other nodes, shown by LIST and SUBSCRIBE. Call before serving. */
    public void remote(RemoteSessions remote) {
        this.remote = remote;
    }

    /**
     * Other nodes' publications of {@code alias} may have changed (a publish, a rescind, a node gone): subscribers
     * hear {@code published} when it became published somewhere while nobody here publishes it, and the last
     * publisher's event when nobody publishes it anywhere any more.
     */
    public void remoteChanged(String alias) {
        groups.compute(alias, (a, group) -> {
            RemoteSessions.RemoteSession there = remote.find(alias);
            boolean before = there != null ? !publishedElsewhere.add(alias) : publishedElsewhere.remove(alias);
            if (group == null && before != (there != null)) {
                if (there != null) {
                    notifyPublished(
                            alias,
                            there.definition().methods(),
                            there.definition().idempotent());
                } else {
                    notify(alias, left(alias));
                }
            }
            return group;
        });
    }

    /** The alias's methods and policy as its local publishers declared them, or null when none publishes it. */
    public SessionDefinition definition(String alias) {
        PublisherGroup group = groups.get(alias);
        return group == null
                ? null
                : new SessionDefinition(alias, group.sortedMethods(), group.sortedIdempotent(), group.policy);
    }

    void routeLocalCallsWith(CallRouter router) {
        this.router = router;
    }

    /** Tells {@code watcher} about every publication of {@code alias} from now on. Call before serving. */
    public void watch(String alias, PublicationWatcher watcher) {
        watchers.merge(alias, watcher, PublicationWatcher::both);
    }

    /** Tells {@code listener} about every alias's publications from now on. Call once, before serving. */
    public void listen(PublicationListener listener) {
        if (this.listener != null) {
            throw new IllegalStateException("a publication listener is installed already");
        }
        this.listener = listener;
    }

    /** The alias's local publishers and calls in flight now; {@link AliasLoad#NONE} when nobody publishes it. */
    public AliasLoad load(String alias) {
        PublisherGroup group = groups.get(alias);
        if (group == null) {
            return AliasLoad.NONE;
        }
        int inFlight = 0;
        List<Publication> publications = group.publications();
        for (Publication p : publications) {
            inFlight += p.inflight();
        }
        return new AliasLoad(publications.size(), inFlight);
    }

    /** The alias's local publications (a scatter-gather call's targets); empty when nobody here publishes it. */
    public List<Publication> localPublications(String alias) {
        PublisherGroup group = groups.get(alias);
        return group == null ? List.of() : group.publications();
    }

    /** The methods a PUBLISH of {@code alias} must declare for its watcher (a front door's events); often none. */
    List<String> requiredMethods(String alias) {
        PublicationWatcher watcher = watchers.get(alias);
        return watcher == null ? List.of() : watcher.requiredMethods();
    }

    /** Why the alias's watcher, if any, refuses {@code publisher} as a publisher of it; null when it does not. */
    String watcherRefusal(String alias, Connection publisher) {
        PublicationWatcher watcher = watchers.get(alias);
        return watcher == null ? null : watcher.refusal(publisher);
    }

    /** Tells the alias's watcher, if any, that {@code publication} was accepted. */
    void announce(Publication publication) {
        PublicationWatcher watcher = watchers.get(publication.alias);
        if (watcher != null) {
            watcher.published(publication);
        }
        PublicationListener all = listener;
        if (all != null) {
            all.published(publication.alias);
        }
    }

    /**
     * Where a call to {@code alias} goes now: the keeper's destination, else the local publishers; with
     * {@code atOnce}, only a destination that forwards at once (an async call's). Null when nobody takes it.
     */
    public Destination destinationOf(String alias, boolean atOnce) {
        PublisherGroup local = find(alias);
        Destination destination = keeper.destination(alias, local != null);
        return destination == null || atOnce && !destination.forwardsAtOnce() ? local : destination;
    }

    PublisherGroup find(String alias) {
        return groups.get(alias);
    }

    public int sessionCount() {
        return groups.size();
    }

    /** The published aliases now, sorted by alias (a snapshot; groups are immutable, so no lock is needed). */
    public List<SessionView> sessions() {
        List<SessionView> views = new ArrayList<>(groups.size());
        for (PublisherGroup group : groups.values()) {
            List<SessionView.Publisher> publishers = new ArrayList<>();
            for (Publication p : group.publications()) {
                publishers.add(new SessionView.Publisher(
                        p.connection.id(), p.connection.clientName(), p.inflight(), p.maxInflight));
            }
            views.add(new SessionView(group.alias, group.policy, publishers));
        }
        views.sort(java.util.Comparator.comparing(SessionView::alias));
        return views;
    }

    PublishOutcome publish(Publication publication) {
        PublishOutcome[] outcome = {PublishOutcome.ACCEPTED};
        groups.compute(publication.alias, (alias, group) -> {
            if (group == null) {
                PublisherGroup created = PublisherGroup.of(publication, router);
                publication.connection.publications.put(alias, publication);
                if (!publishedElsewhere.contains(alias)) {
                    notifyPublished(alias, created.sortedMethods(), created.sortedIdempotent());
                }
                return created;
            }
            if (!publication.declaresSameMethodsAs(group.methods, group.idempotent)) {
                outcome[0] = PublishOutcome.METHOD_MISMATCH;
                return group;
            }
            if (publication.policy != group.policy) {
                outcome[0] = PublishOutcome.POLICY_MISMATCH;
                return group;
            }
            publication.connection.publications.put(alias, publication);
            return group.with(publication);
        });
        return outcome[0];
    }

    /** @return false when {@code connection} did not publish {@code alias} */
    boolean rescind(Connection connection, String alias) {
        boolean[] found = {false};
        groups.computeIfPresent(alias, (a, group) -> {
            Publication removed = connection.publications.remove(alias);
            if (removed == null) {
                return group;
            }
            found[0] = true;
            PublicationWatcher watcher = watchers.get(alias);
            if (watcher != null) {
                watcher.withdrawn(removed);
            }
            PublisherGroup rest = group.without(connection);
            if (rest == null && !publishedElsewhere.contains(alias)) {
                notify(alias, left(alias));
            }
            return rest;
        });
        PublicationListener all = listener;
        if (found[0] && all != null) {
            // After the compute: the listener reads load(alias), which must see the publication gone.
            all.withdrawn(alias);
        }
        return found[0];
    }

    /** Removes everything the closed connection published or subscribed to. */
    void forget(Connection connection) {
        for (String alias : List.copyOf(connection.publications.keySet())) {
            rescind(connection, alias);
        }
        for (String alias : List.copyOf(connection.subscriptions.keySet())) {
            unsubscribe(connection, alias);
        }
    }

    /**
     * Registers the subscription and answers it with the alias's state now, in one step: {@code published} (with its
     * methods), {@code away} (a kept session nobody publishes now, with its methods) or {@code absent}. Subscribing
     * again answers the same way and changes nothing.
     */
    void subscribe(Connection connection, long req, String alias) {
        groups.compute(alias, (a, group) -> {
            subscribers
                    .computeIfAbsent(alias, x -> ConcurrentHashMap.newKeySet())
                    .add(connection);
            RemoteSessions.RemoteSession there = group == null ? remote.find(alias) : null;
            SessionEvent now = group != null
                    ? new SessionEvent(
                            req, alias, SessionState.PUBLISHED, group.sortedMethods(), group.sortedIdempotent())
                    : there != null
                            ? new SessionEvent(
                                    req,
                                    alias,
                                    SessionState.PUBLISHED,
                                    there.definition().methods(),
                                    there.definition().idempotent())
                            : away(req, alias);
            // Whether the subscriber has seen the alias published: the next publication is then "republished".
            connection.subscriptions.merge(alias, group != null || there != null, Boolean::logicalOr);
            connection.send(now);
            return group;
        });
    }

    /** What a SUBSCRIBE learns of an alias nobody publishes here: away when kept, else absent. */
    private SessionEvent away(long req, String alias) {
        SessionDefinition kept = keeper.kept(alias);
        return kept == null
                ? new SessionEvent(req, alias, SessionState.ABSENT, null, null)
                : new SessionEvent(req, alias, SessionState.AWAY, kept.methods(), kept.idempotent());
    }

    /** The notification when the last publisher of {@code alias} left: away when the keeper keeps it. */
    private SessionEvent left(String alias) {
        SessionEvent away = away(0, alias);
        return away.state() == SessionState.AWAY
                ? away
                : new SessionEvent(0, alias, SessionState.RESCINDED, null, null);
    }

    /** @return false when {@code connection} was not subscribed to {@code alias} */
    boolean unsubscribe(Connection connection, String alias) {
        if (connection.subscriptions.remove(alias) == null) {
            return false;
        }
        subscribers.computeIfPresent(alias, (a, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    /** The policy of the alias's group now, or null when nobody publishes it. */
    SessionPolicy policyOf(String alias) {
        PublisherGroup group = groups.get(alias);
        return group == null ? null : group.policy;
    }

    /**
     * The published sessions, here or on other nodes (publishers summed; the local definition wins), and the kept
     * sessions nobody publishes now (away, 0 publishers), sorted by alias.
     */
    List<SessionInfo> listing() {
        Map<String, RemoteSessions.RemoteSession> elsewhere = new java.util.HashMap<>();
        for (RemoteSessions.RemoteSession there : remote.all()) {
            elsewhere.put(there.definition().alias(), there);
        }
        List<SessionInfo> sessions = new ArrayList<>(groups.size() + elsewhere.size());
        for (PublisherGroup group : groups.values()) {
            RemoteSessions.RemoteSession there = elsewhere.remove(group.alias);
            int publishers = group.size() + (there == null ? 0 : there.publishers());
            sessions.add(new SessionInfo(
                    group.alias, group.sortedMethods(), group.sortedIdempotent(), publishers, group.policy, null));
        }
        for (RemoteSessions.RemoteSession there : elsewhere.values()) {
            SessionDefinition d = there.definition();
            sessions.add(new SessionInfo(d.alias(), d.methods(), d.idempotent(), there.publishers(), d.policy(), null));
        }
        for (SessionDefinition kept : keeper.keptSessions()) {
            if (!groups.containsKey(kept.alias()) && !elsewhere.containsKey(kept.alias())) {
                sessions.add(new SessionInfo(kept.alias(), kept.methods(), kept.idempotent(), 0, kept.policy(), true));
            }
        }
        sessions.sort((a, b) -> a.alias().compareTo(b.alias()));
        return sessions;
    }

    /**
     * The alias became published: each subscriber hears {@code published} if it never saw it published since it
     * subscribed, else {@code republished}.
     */
    private void notifyPublished(String alias, List<String> methods, List<String> idempotent) {
        Set<Connection> set = subscribers.get(alias);
        if (set == null) {
            return;
        }
        for (Connection subscriber : set) {
            Boolean seen = subscriber.subscriptions.replace(alias, Boolean.TRUE);
            SessionState state = Boolean.TRUE.equals(seen) ? SessionState.REPUBLISHED : SessionState.PUBLISHED;
            subscriber.send(new SessionEvent(0, alias, state, methods, idempotent));
        }
    }

    private void notify(String alias, SessionEvent event) {
        Set<Connection> set = subscribers.get(alias);
        if (set != null) {
            for (Connection subscriber : set) {
                subscriber.send(event);
            }
        }
    }
}
