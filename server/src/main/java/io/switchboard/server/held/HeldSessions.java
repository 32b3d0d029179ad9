package io.switchboard.server.held;

import io.switchboard.server.store.HeldSessionDefinition;
import io.switchboard.server.store.SessionPolicy;
import io.switchboard.server.store.Store;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kept definitions of {@code hold} sessions: saved when such a session is published, loaded at start, kept when
 * its publishers RESCIND or are lost, removed when the alias is published with another policy. A definition is
 * what LIST shows, as away, while no publisher is connected.
 */
final class HeldSessions {

    private final Store store;
    private final ConcurrentHashMap<String, HeldSessionDefinition> byAlias = new ConcurrentHashMap<>();

    HeldSessions(Store store) {
        this.store = store;
    }

    /** Loads the stored definitions; before serving. */
    List<HeldSessionDefinition> load() {
        List<HeldSessionDefinition> loaded = store.loadHeldSessions().stream()
                .filter(d -> d.policy() == SessionPolicy.HOLD)
                .toList();
        loaded.forEach(d -> byAlias.put(d.alias(), d));
        return loaded;
    }

    HeldSessionDefinition get(String alias) {
        return byAlias.get(alias);
    }

    Collection<HeldSessionDefinition> all() {
        return byAlias.values();
    }

    /** Keeps {@code definition}; writes only when it differs from the kept one (replicas publish it alike). */
    CompletableFuture<Void> define(HeldSessionDefinition definition) {
        HeldSessionDefinition before = byAlias.put(definition.alias(), definition);
        if (definition.equals(before)) {
            return CompletableFuture.completedFuture(null);
        }
        return store.saveHeldSession(definition);
    }

    /** Forgets the alias's definition; completes once its removal is committed (at once when there was none). */
    CompletableFuture<Void> remove(String alias) {
        if (byAlias.remove(alias) == null) {
            return CompletableFuture.completedFuture(null);
        }
        return store.removeHeldSession(alias).thenApply(found -> null);
    }
}
