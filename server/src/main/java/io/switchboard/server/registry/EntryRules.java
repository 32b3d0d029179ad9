package io.switchboard.server.registry;

import io.switchboard.protocol.Names;
import io.switchboard.protocol.message.Register;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What a REGISTER may contain; every rule broken is told to the client as a sentence (ERROR bad-request). */
final class EntryRules {

    static final int MAX_ENDPOINTS = 16;
    static final int MAX_ENDPOINT_BYTES = 1024;
    static final int MAX_METADATA = 64;
    static final int MAX_METADATA_VALUE_BYTES = 4096;
    static final long MIN_TTL_MS = 100;
    static final long MAX_TTL_MS = 7L * 24 * 60 * 60 * 1000;

    private EntryRules() {}

    /** @return why {@code register} is not acceptable, or null when it is */
    static String problem(Register register) {
        String problem = nameProblem(register.name());
        if (problem != null) {
            return problem;
        }
        problem = endpointsProblem(register.endpoints());
        if (problem != null) {
            return problem;
        }
        problem = metadataProblem(register.metadata());
        if (problem != null) {
            return problem;
        }
        Long ttl = register.ttlMs();
        if (ttl != null && (ttl < MIN_TTL_MS || ttl > MAX_TTL_MS)) {
            return "ttl_ms must be " + MIN_TTL_MS + ".." + MAX_TTL_MS + " (7 days), was " + ttl
                    + "; leave it out for an entry bound to this connection";
        }
        if (register.instance() != null && register.instance().isEmpty()) {
            return "instance must not be empty; leave it out for a new entry";
        }
        return null;
    }

    /** @return why {@code name} is not a registry name, or null when it is */
    static String nameProblem(String name) {
        return Names.problem(name, "name");
    }

    private static String endpointsProblem(List<String> endpoints) {
        if (endpoints == null || endpoints.isEmpty()) {
            return "register needs at least one endpoint URL, e.g. tcp://host:port or unix:///path";
        }
        if (endpoints.size() > MAX_ENDPOINTS) {
            return endpoints.size() + " endpoints; the most is " + MAX_ENDPOINTS;
        }
        for (String endpoint : endpoints) {
            if (endpoint == null || endpoint.isEmpty()) {
                return "an endpoint must not be empty";
            }
            if (utf8(endpoint) > MAX_ENDPOINT_BYTES) {
                return "endpoint '" + abbreviate(endpoint) + "' is longer than " + MAX_ENDPOINT_BYTES + " UTF-8 bytes";
            }
            try {
                if (!new URI(endpoint).isAbsolute()) {
                    return "endpoint '" + abbreviate(endpoint) + "' is not a URL with a scheme, like tcp://host:port";
                }
            } catch (URISyntaxException e) {
                return "endpoint '" + abbreviate(endpoint) + "' is not a URL: " + e.getReason();
            }
        }
        return null;
    }

    private static String metadataProblem(Map<String, String> metadata) {
        if (metadata == null) {
            return null;
        }
        if (metadata.size() > MAX_METADATA) {
            return metadata.size() + " metadata entries; the most is " + MAX_METADATA;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            String problem = Names.problem(key, "a metadata key");
            if (problem != null) {
                return problem;
            }
            if (entry.getValue() == null) {
                return "metadata '" + abbreviate(key) + "' has no value: values are strings";
            }
            if (utf8(entry.getValue()) > MAX_METADATA_VALUE_BYTES) {
                return "metadata '" + abbreviate(key) + "' is longer than " + MAX_METADATA_VALUE_BYTES + " UTF-8 bytes";
            }
        }
        return null;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
