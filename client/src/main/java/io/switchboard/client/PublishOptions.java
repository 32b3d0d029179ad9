package io.switchboard.client;

import io.switchboard.protocol.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What to publish: the alias, its methods, which of them are idempotent (may be sent again to another
 * publisher when this one is lost, under the policies reroute and hold), optionally how many calls this publisher
 * takes at once, and the session's {@link SessionPolicy}.
 */
public final class PublishOptions {

    private final String alias;
    private final List<String> methods;
    private final List<String> idempotent;
    private final Integer maxInflight;
    private final SessionPolicy policy;

    private PublishOptions(Builder b) {
        this.alias = checkName(b.alias, "alias");
        if (b.methods.isEmpty()) {
            throw new IllegalArgumentException("a publication of '" + alias + "' needs at least one method");
        }
        b.methods.forEach(m -> checkName(m, "method"));
        for (String m : b.idempotent) {
            if (!b.methods.contains(m)) {
                throw new IllegalArgumentException("idempotent method '" + m + "' is not one of " + b.methods);
            }
        }
        if (b.maxInflight != null && b.maxInflight < 1) {
            throw new IllegalArgumentException("maxInflight must be at least 1, not " + b.maxInflight);
        }
        this.methods = List.copyOf(b.methods);
        this.idempotent = List.copyOf(b.idempotent);
        this.maxInflight = b.maxInflight;
        this.policy = b.policy;
    }

    /** Checks an alias or method name the way the wire needs it: non-empty, at most 255 UTF-8 bytes. */
    public static String checkName(String name, String what) {
        return Names.check(name, what);
    }

    public static Builder builder(String alias) {
        return new Builder(alias);
    }

    public String alias() {
        return alias;
    }

    public List<String> methods() {
        return methods;
    }

    public List<String> idempotent() {
        return idempotent;
    }

    /** The per-publisher in-flight cap asked for; null leaves it to the server's default. */
    public Integer maxInflight() {
        return maxInflight;
    }

    /** The session's policy asked for; null leaves it to the server (its config for the alias, else fail). */
    public SessionPolicy policy() {
        return policy;
    }

    /** Builds {@link PublishOptions}. */
    public static final class Builder {
        private final String alias;
        private final List<String> methods = new ArrayList<>();
        private final List<String> idempotent = new ArrayList<>();
        private Integer maxInflight;
        private SessionPolicy policy;

        private Builder(String alias) {
            this.alias = alias;
        }

        public Builder methods(Collection<String> names) {
            Objects.requireNonNull(names, "methods").forEach(this::method);
            return this;
        }

        public Builder method(String name) {
            if (!methods.contains(name)) {
                methods.add(name);
            }
            return this;
        }

        /** Marks methods idempotent; they must also be among {@link #methods}. */
        public Builder idempotent(Collection<String> names) {
            idempotent.addAll(Objects.requireNonNull(names, "idempotent"));
            return this;
        }

        public Builder maxInflight(int max) {
            this.maxInflight = max;
            return this;
        }

        /**
         * The session's policy. Every publisher of an alias must ask for the same one (or none: a publisher that
         * asks for none joins with the session's policy); another is refused with {@code method-mismatch}.
         */
        public Builder policy(SessionPolicy policy) {
            this.policy = policy;
            return this;
        }

        public PublishOptions build() {
            return new PublishOptions(this);
        }
    }
}
