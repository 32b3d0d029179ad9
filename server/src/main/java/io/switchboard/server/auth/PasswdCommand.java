package io.switchboard.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard passwd}: prints the bcrypt hash of a password (or with {@code --token} the SHA-256 of a token)
 * for the {@code auth-users} file, as {@code nats server passwd} does. The secret is read from the console without
 * echo when there is one, else the first line of standard input; it is never printed.
 */
@Command(
        name = "passwd",
        mixinStandardHelpOptions = true,
        description = "Prints the bcrypt hash of a password read from the console (or the first line of standard "
                + "input) for the password: of a user in the auth-users file; with --token the SHA-256 of a token "
                + "for token-sha256:.")
public final class PasswdCommand implements Callable<Integer> {

    private static final int EXIT_BAD_INPUT = 2;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--token", description = "Hash a token (SHA-256, hex) instead of a password (bcrypt).")
    private boolean token;

    @Option(
            names = "--cost",
            paramLabel = "N",
            description = "bcrypt cost, " + UsersFile.MIN_COST + "..16; each step doubles the time. Default: 11.")
    private int cost = 11;

    private final Console console;
    private final InputStream stdin;

    /** @param console the terminal, or null to read standard input */
    public PasswdCommand(Console console, InputStream stdin) {
        this.console = console;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String what = token ? "token" : "password";
        if (!token && (cost < UsersFile.MIN_COST || cost > 16)) {
            return fail(err, "--cost must be " + UsersFile.MIN_COST + "..16, was " + cost);
        }
        char[] secret = read(what);
        if (secret == null || secret.length == 0) {
            return fail(err, "no " + what + " given (type it, or pipe it as the first line of standard input)");
        }
        try {
            java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            int length = bytes.length;
            if (token) {
                out.println(HexFormat.of().formatHex(Authenticator.sha256(bytes)));
            } else {
                if (length > Authenticator.BCRYPT_MAX_BYTES) {
                    return fail(
                            err,
                            "the password is " + length + " UTF-8 bytes; bcrypt reads only the first "
                                    + Authenticator.BCRYPT_MAX_BYTES + ", so choose one of at most that many");
                }
                out.println(BCrypt.withDefaults().hashToString(cost, secret));
            }
            out.flush();
            return 0;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private char[] read(String what) throws IOException {
        if (console != null) {
            char[] first = console.readPassword("%s: ", what);
            char[] again = console.readPassword("again: ");
            if (first != null && !Arrays.equals(first, again)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "the two entries differ");
            }
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? null : line.toCharArray();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("switchboard passwd: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
