package io.switchboard.server.cluster;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.PublicationListener;
import io.switchboard.server.routing.SessionDefinition;
import io.switchboard.server.routing.SessionDirectory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's half of the directory: which aliases it publishes, as last announced to the cluster. The session
 * directory tells it of publications coming and going (on event loops: it only marks the alias and asks for a
 * flush); the flush runs on the cluster's one thread, compares each marked alias's load with what it announced and
 * multicasts an update when they differ. Loads change with every call, so they are not announced per call: every
 * {@code tick} the flush compares all announced aliases, so an alias costs at most one update per tick.
 * Everything but {@link #published}/{@link #withdrawn} runs on the cluster thread.
 */
final class LocalAliases implements PublicationListener {

    private static final Logger log = LoggerFactory.getLogger(LocalAliases.class);

    private final SessionDirectory directory;
    private final int maxAliases;
    /** Aliases whose publications changed since the last flush. */
    private final Set<String> marked = ConcurrentHashMap.newKeySet();
    /** Asks the cluster thread for a flush; called at most once until that flush starts. */
    private final Runnable requestFlush;

    private final AtomicBoolean flushRequested = new AtomicBoolean();
    /** What was announced, by alias (read by /clusterz from other threads). */
    private final Map<String, AliasLoad> announced = new ConcurrentHashMap<>();
    /** The definitions announced with them (methods, policy: what LIST and SUBSCRIBE show elsewhere). */
    private final Map<String, SessionDefinition> definitions = new ConcurrentHashMap<>();
    /** This node's version: grows by one with every update it sends; written on the cluster thread only. */
    private volatile long version;

    private long overCapWarnedAt;

    LocalAliases(SessionDirectory directory, int maxAliases, Runnable requestFlush) {
        this.directory = directory;
        this.maxAliases = maxAliases;
        this.requestFlush = requestFlush;
    }

    @Override
    public void published(String alias) {
        mark(alias);
    }

    @Override
    public void withdrawn(String alias) {
        mark(alias);
    }

    private void mark(String alias) {
        marked.add(alias);
        if (flushRequested.compareAndSet(false, true)) {
            requestFlush.run();
        }
    }

    /** Announces the marked aliases; with {@code sample}, also every announced alias whose load changed. */
    void flush(boolean sample, Consumer<DirectoryMessage> multicast) {
        flushRequested.set(false);
        for (String alias : Set.copyOf(marked)) {
            marked.remove(alias);
            announceIfChanged(alias, multicast);
        }
        if (sample) {
            for (String alias : Set.copyOf(announced.keySet())) {
                announceIfChanged(alias, multicast);
            }
        }
    }

    private void announceIfChanged(String alias, Consumer<DirectoryMessage> multicast) {
        SessionDefinition definition = directory.definition(alias);
        AliasLoad now = definition == null ? AliasLoad.NONE : directory.load(alias);
        AliasLoad before = announced.get(alias);
        // The definition travels only when it is new or changed (a publish-time update), never with load samples.
        boolean newDefinition = now.publishers() > 0 && !definition.equals(definitions.get(alias));
        if (now.equals(before) && !newDefinition || now.publishers() == 0 && before == null) {
            return;
        }
        if (before == null && announced.size() >= maxAliases) {
            warnOverCap();
            return;
        }
        if (now.publishers() == 0) {
            announced.remove(alias);
            definitions.remove(alias);
        } else {
            announced.put(alias, now);
            definitions.put(alias, definition);
        }
        multicast.accept(
                newDefinition
                        ? DirectoryMessage.update(++version, alias, now, definition)
                        : DirectoryMessage.update(++version, alias, now));
    }

    /** Everything announced, at the current version: what a member that just joined is sent. */
    DirectoryMessage state() {
        return DirectoryMessage.state(version, announced, definitions);
    }

    /** A sorted copy of what this node announced. */
    Map<String, AliasLoad> snapshot() {
        return new TreeMap<>(announced);
    }

    long version() {
        return version;
    }

    private void warnOverCap() {
        long now = System.nanoTime();
        if (overCapWarnedAt != 0 && now - overCapWarnedAt < 60_000_000_000L) {
            return;
        }
        overCapWarnedAt = now;
        log.warn(
                "{} this node publishes more than {} aliases: the others are not announced to the cluster (its "
                        + "members cannot route them here)",
                LogId.CLUSTER_LOCAL_OVER_CAP,
                maxAliases);
    }
}
