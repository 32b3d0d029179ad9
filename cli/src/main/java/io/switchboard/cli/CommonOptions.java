package io.switchboard.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every admin command shares: who logs in, what TLS trusts, how long to wait. */
final class CommonOptions {

    static final String USER_ENV = "SWITCHBOARD_USER";
    static final String PASSWORD_ENV = "SWITCHBOARD_PASSWORD";
    static final String TOKEN_ENV = "SWITCHBOARD_TOKEN";

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = "Log in as this user (also ${" + USER_ENV + "}). The password comes from --password-file, "
                    + "else ${" + PASSWORD_ENV + "}, else a prompt on the terminal.")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "Read the password from the first line of this file.")
    Path passwordFile;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "Log in with the token in this file (also ${" + TOKEN_ENV + "}): a bearer token on the "
                    + "monitoring port, credentials.token on the client port.")
    Path tokenFile;

    @Option(
            names = "--ca",
            paramLabel = "FILE",
            description = "Trust the CA certificates in this PEM file for https:// and tls:// (default: the JVM's).")
    Path ca;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Deadline of every wait: connecting, each request, a call. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    Duration timeout() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            throw new CliException(ExitCode.USAGE, "--timeout must be more than 0 and at most 86400 seconds");
        }
        return Duration.ofNanos((long) (timeoutSeconds * 1e9));
    }
}
