package io.switchboard.server.auth;

import io.switchboard.server.routing.Grants;
import io.switchboard.server.routing.Permission;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's grants: its user's {@link Permissions}, with each answer cached per permission and name so the
 * patterns are walked once per name and connection. The cache holds at most {@link #CACHE_LIMIT} answers; past that,
 * answers are computed each time (still correct, only slower).
 */
final class UserGrants implements Grants {

    static final int CACHE_LIMIT = 1024;

    private final String user;
    private final Permissions permissions;
    private final Map<Permission, Map<String, Boolean>> answers = new EnumMap<>(Permission.class);
    private final AtomicInteger cached = new AtomicInteger();

    UserGrants(String user, Permissions permissions) {
        this.user = user;
        this.permissions = permissions;
        for (Permission permission : Permission.values()) {
            answers.put(permission, new ConcurrentHashMap<>());
        }
    }

    @Override
    public boolean allows(Permission permission, String name) {
        Map<String, Boolean> known = answers.get(permission);
        Boolean answer = known.get(name);
        if (answer != null) {
            return answer;
        }
        boolean allowed = permissions.allows(permission, name);
        if (cached.get() < CACHE_LIMIT && known.putIfAbsent(name, allowed) == null) {
            cached.incrementAndGet();
        }
        return allowed;
    }

    @Override
    public boolean allowsAny(Permission permission) {
        return !permissions.list(permission).isEmpty();
    }

    @Override
    public boolean admin() {
        return permissions.admin();
    }

    @Override
    public boolean monitor() {
        return permissions.monitor();
    }

    @Override
    public boolean resolvesEveryXaBranch() {
        return permissions.transactions();
    }

    @Override
    public String user() {
        return user;
    }

    int cachedAnswers() {
        return cached.get();
    }
}
