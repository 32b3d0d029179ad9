package io.switchboard.server.config;

/** A configuration value that cannot be used; the message names the option and where its value came from. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
