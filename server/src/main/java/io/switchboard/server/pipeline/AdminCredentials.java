package io.switchboard.server.pipeline;

import io.switchboard.server.ServerConfig;
import java.util.Map;

/** The one rule deciding whether a HELLO's credentials make an admin: today, the configured admin token. */
final class AdminCredentials {

    private AdminCredentials() {}

    static boolean isAdmin(Map<String, String> credentials, ServerConfig config) {
        return config.adminToken().isPresent()
                && credentials != null
                && config.adminToken().get().equals(credentials.get("token"));
    }
}
