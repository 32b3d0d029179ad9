package io.switchboard.server.held;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.server.routing.SessionDefinition;
import io.switchboard.server.store.HeldSessionDefinition;
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
    private final HeldCalls calls;
    private final ConcurrentHashMap<String, HeldSession> byAlias = new ConcurrentHashMap<>();

    HeldSessions(Store store, HeldCalls calls) {
        this.store = store;
        this.calls = calls;
    }

    /** Loads the stored definitions; before serving. */
    List<SessionDefinition> load() {
        List<SessionDefinition> loaded = store.loadHeldSessions().stream()
                .filter(d -> d.policy() == SessionPolicy.HOLD)
                .map(d -> new SessionDefinition(d.alias(), d.methods(), d.idempotentMethods(), d.policy()))
                .toList();
        loaded.forEach(d -> byAlias.put(d.alias(), new HeldSession(d, calls)));
        return loaded;
    }

    HeldSession get(String alias) {
        return byAlias.get(alias);
    }

    Collection<SessionDefinition> definitions() {
        return byAlias.values().stream().map(s -> s.definition).toList();
    }

    /** Keeps {@code definition}; writes only when it differs from the kept one (replicas publish it alike). */
    CompletableFuture<Void> define(SessionDefinition definition) {
        HeldSession before = byAlias.put(definition.alias(), new HeldSession(definition, calls));
        if (before != null && definition.equals(before.definition)) {
            return CompletableFuture.completedFuture(null);
        }
        return store.saveHeldSession(new HeldSessionDefinition(
                definition.alias(), definition.methods(), definition.idempotent(), definition.policy()));
    }

    /** Forgets the alias's definition; completes once its removal is committed (at once when there was none). */
    CompletableFuture<Void> remove(String alias) {
        if (byAlias.remove(alias) == null) {
            return CompletableFuture.completedFuture(null);
        }
        return store.removeHeldSession(alias).thenApply(found -> null);
    }
}
