package io.switchboard.client;

import io.switchboard.protocol.Names;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Registry#register} puts in the registry: a name, endpoint URLs in order of preference,
 * metadata, and the lifetime: bound to this client's connection (the default) or a TTL.
 *
 * <pre>{@code
 * RegisterOptions.builder("inventory").endpoint("tcp://10.0.0.5:9000").metadata("zone", "eu-1")
 *         .ttl(Duration.ofSeconds(30)).build();
 * }</pre>
 */
public final class RegisterOptions {

    private final String name;
    private final List<String> endpoints;
    private final Map<String, String> metadata;
    private final Duration ttl;
    private final String instance;
    private final Duration refreshEvery;

    private RegisterOptions(Builder b) {
        this.name = b.name;
        PublishOptions.checkName(name, "name");
        if (b.endpoints.isEmpty()) {
            throw new IllegalArgumentException("register '" + name + "': at least one endpoint URL is needed");
        }
        this.endpoints = List.copyOf(b.endpoints);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
        this.ttl = b.ttl;
        if (ttl != null && ttl.toMillis() < 100) {
            throw new IllegalArgumentException("ttl must be at least 100 ms, not " + ttl);
        }
        if (b.instance != null && ttl == null) {
            throw new IllegalArgumentException("an instance id renews a TTL entry: give the ttl too");
        }
        this.instance = b.instance;
        this.refreshEvery = b.refreshEvery != null ? b.refreshEvery : ttl == null ? null : ttl.dividedBy(3);
        if (refreshEvery != null
                && (ttl == null
                        || refreshEvery.isNegative()
                        || refreshEvery.isZero()
                        || refreshEvery.compareTo(ttl) >= 0)) {
            throw new IllegalArgumentException("refreshEvery must be positive and shorter than the ttl " + ttl);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<String> endpoints() {
        return endpoints;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Empty for a connection-bound entry. */
    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }

    /** The instance id of an existing TTL entry to take over and renew (e.g. after this process restarted). */
    public Optional<String> instance() {
        return Optional.ofNullable(instance);
    }

    /** How often a TTL entry is refreshed; a third of the TTL unless set. Empty for a connection-bound entry. */
    public Optional<Duration> refreshEvery() {
        return Optional.ofNullable(refreshEvery);
    }

    /** Builds {@link RegisterOptions}. */
    public static final class Builder {
        private final String name;
        private final List<String> endpoints = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private Duration ttl;
        private String instance;
        private Duration refreshEvery;

        private Builder(String name) {
            this.name = name;
        }

        /** Adds an endpoint URL ({@code tcp://host:port}, {@code unix:///path}, any URL); resolvers try them in order. */
        public Builder endpoint(String url) {
            Objects.requireNonNull(url, "url");
            if (url.isEmpty() || url.getBytes(StandardCharsets.UTF_8).length > 1024) {
                throw new IllegalArgumentException("an endpoint URL must be 1 to 1024 UTF-8 bytes");
            }
            endpoints.add(url);
            return this;
        }

        public Builder endpoints(List<String> urls) {
            Objects.requireNonNull(urls, "urls").forEach(this::endpoint);
            return this;
        }

        public Builder metadata(String key, String value) {
            Objects.requireNonNull(value, "value");
            Names.check(key, "a metadata key");
            metadata.put(key, value);
            return this;
        }

        public Builder metadata(Map<String, String> entries) {
            Objects.requireNonNull(entries, "metadata").forEach(this::metadata);
            return this;
        }

        /**
         * A TTL entry: stored by the server, independent of this connection, gone {@code ttl} after the last refresh
         * (the client refreshes it on its own). Without a TTL the entry lives as long as the connection.
         */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Renews the existing TTL entry with this instance id instead of making a new one. */
        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        public Builder refreshEvery(Duration interval) {
            this.refreshEvery = interval;
            return this;
        }

        public RegisterOptions build() {
            return new RegisterOptions(this);
        }
    }
}
