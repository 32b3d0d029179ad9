package io.switchboard.server.held;

import io.switchboard.protocol.SessionPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's configured session policies ({@code session-policies}): alias to policy, and optionally {@code *}
 * for every alias not named. A PUBLISH that names no policy gets the configured one, else {@code fail}.
 */
public final class SessionPolicies {

    /** The key that stands for every alias the map does not name. */
    public static final String EVERY_OTHER_ALIAS = "*";

    private static final SessionPolicies NONE = new SessionPolicies(Map.of());

    private final Map<String, SessionPolicy> byAlias;

    private SessionPolicies(Map<String, SessionPolicy> byAlias) {
        this.byAlias = Map.copyOf(byAlias);
    }

    public static SessionPolicies none() {
        return NONE;
    }

    public static SessionPolicies of(Map<String, SessionPolicy> byAlias) {
        return byAlias.isEmpty() ? NONE : new SessionPolicies(byAlias);
    }

    /**
     * Reads the flag/environment form {@code inventory=hold,prices=reroute} (spaces around the separators are
     * allowed; an empty text is no policies).
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static SessionPolicies parse(String text) {
        Map<String, SessionPolicy> map = new LinkedHashMap<>();
        for (String entry : text.trim().split("\\s*,\\s*")) {
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not alias=policy");
            }
            String alias = entry.substring(0, eq).trim();
            SessionPolicy policy =
                    SessionPolicy.forWireName(entry.substring(eq + 1).trim());
            if (map.put(alias, policy) != null) {
                throw new IllegalArgumentException("alias '" + alias + "' is given twice");
            }
        }
        return of(map);
    }

    /** The configured policy of {@code alias}: its own entry, else {@code *}'s, else {@code fail}. */
    public SessionPolicy policyOf(String alias) {
        SessionPolicy own = byAlias.get(alias);
        if (own != null) {
            return own;
        }
        return byAlias.getOrDefault(EVERY_OTHER_ALIAS, SessionPolicy.FAIL);
    }

    public Map<String, SessionPolicy> asMap() {
        return byAlias;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        byAlias.forEach((alias, policy) ->
                s.append(s.length() == 0 ? "" : ",").append(alias).append('=').append(policy.wireName()));
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionPolicies other && byAlias.equals(other.byAlias);
    }

    @Override
    public int hashCode() {
        return byAlias.hashCode();
    }
}
