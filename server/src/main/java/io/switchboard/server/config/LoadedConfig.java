package io.switchboard.server.config;

import io.switchboard.server.ServerConfig;
import java.nio.file.Path;
import java.util.Optional;

/** What the launcher needs: the server's settings and the logging settings. */
public record LoadedConfig(ServerConfig server, String logLevel, Optional<Path> logFile) {}
