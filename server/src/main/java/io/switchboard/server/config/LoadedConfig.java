package io.switchboard.server.config;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.logging.LogSettings;
import java.nio.file.Path;
import java.util.Optional;

/** What the launcher needs: the server's settings and the logging settings. */
public record LoadedConfig(ServerConfig server, LogSettings log) {

    public String logLevel() {
        return log.level();
    }

    public Optional<Path> logFile() {
        return log.file();
    }
}
