package io.switchboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Who the CLI logs in as: a user and password, a token, or nobody. Passwords never come from a flag (it would land
 * in the shell history): from a file, the environment or a prompt.
 */
record Credentials(String user, String password, String token) {

    private static final Credentials NONE = new Credentials(null, null, null);
    /** A password or token file holds one line; anything longer is not one. */
    private static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

    static Credentials resolve(CommonOptions options, Terminal terminal) {
        String user = options.user != null
                ? options.user
                : terminal.env(CommonOptions.USER_ENV).orElse(null);
        if (user != null && options.tokenFile != null) {
            throw new CliException(ExitCode.USAGE, "give --user or --token-file, not both");
        }
        Optional<String> token = options.tokenFile != null
                ? Optional.of(readSecret(options.tokenFile, "--token-file"))
                : terminal.env(CommonOptions.TOKEN_ENV);
        if (user != null) {
            return new Credentials(user, password(options, terminal, user), null);
        }
        if (options.passwordFile != null) {
            throw new CliException(ExitCode.USAGE, "--password-file needs --user NAME");
        }
        return token.map(t -> new Credentials(null, null, t)).orElse(NONE);
    }

    private static String password(CommonOptions options, Terminal terminal, String user) {
        if (options.passwordFile != null) {
            return readSecret(options.passwordFile, "--password-file");
        }
        Optional<String> fromEnv = terminal.env(CommonOptions.PASSWORD_ENV);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        if (terminal.console() != null) {
            char[] typed = terminal.console().readPassword("password for %s: ", user);
            if (typed != null && typed.length > 0) {
                return new String(typed);
            }
        }
        throw new CliException(
                ExitCode.USAGE,
                "--user " + user + " needs a password: set " + CommonOptions.PASSWORD_ENV
                        + ", give --password-file FILE, or run on a terminal to be asked");
    }

    private static String readSecret(Path file, String option) {
        try {
            if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
                throw new CliException(ExitCode.USAGE, option + " " + file + " is too large to hold a secret");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new CliException(ExitCode.USAGE, option + " " + file + " is empty");
            }
            return first;
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read " + option + " " + file + ": " + e.getMessage());
        }
    }

    boolean isNone() {
        return user == null && token == null;
    }

    /** The HTTP Authorization header value: Basic for a user, Bearer for a token; empty for nobody. */
    Optional<String> authorizationHeader() {
        if (user != null) {
            String pair = user + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return token == null ? Optional.empty() : Optional.of("Bearer " + token);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return user != null ? "user " + user : token != null ? "a token" : "no credentials";
    }
}
