package io.switchboard.server;

/**
 * The server could not start: a listener could not be bound, its unix socket path is taken, or (a configuration
 * error, exit code 2 in the launcher) a TLS file is unusable.
 */
public final class ServerStartException extends RuntimeException {

    private final boolean configError;

    public ServerStartException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ServerStartException(String message, Throwable cause, boolean configError) {
        super(message, cause);
        this.configError = configError;
    }

    /** A start refused because of what the configuration names (e.g. an expired certificate). */
    public static ServerStartException badConfig(String message, Throwable cause) {
        return new ServerStartException(message, cause, true);
    }

    /** True when fixing the configuration fixes the start; the launcher then exits with 2, as for bad options. */
    public boolean isConfigError() {
        return configError;
    }
}
