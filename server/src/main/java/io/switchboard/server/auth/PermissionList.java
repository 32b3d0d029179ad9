package io.switchboard.server.auth;

import java.util.List;

/**
 * The names one permission covers: those matching an {@code allow} pattern and no {@code deny} pattern (deny wins).
 * Empty allow: nothing.
 */
public record PermissionList(List<NamePattern> allow, List<NamePattern> deny) {

    public static final PermissionList NOTHING = new PermissionList(List.of(), List.of());

    public PermissionList {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    public boolean allows(String name) {
        for (NamePattern pattern : deny) {
            if (pattern.matches(name)) {
                return false;
            }
        }
        for (NamePattern pattern : allow) {
            if (pattern.matches(name)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return allow.isEmpty();
    }
}
