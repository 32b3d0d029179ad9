package io.switchboard.cli;

/**
 * The exit codes of the admin commands, one per failure class, so scripts can tell "fix the command" from "the server
 * is down" from "try again later" (docs/monitoring.md, "Admin CLI").
 */
public final class ExitCode {

    /** Done: the server answered as asked (for {@code status}: and it is healthy). */
    public static final int OK = 0;
    /** The server answered but is not healthy ({@code status}), or answered something unexpected (an HTTP 5xx). */
    public static final int FAILED = 1;
    /** Bad arguments or input: unknown option, bad URL, payload that is not JSON, unreadable file. */
    public static final int USAGE = 2;
    /** Nothing answers at the URL: connection refused, no route, TLS handshake refused. */
    public static final int UNREACHABLE = 3;
    /** The credentials are missing or wrong (HTTP 401, HELLO refused {@code unauthorized}). */
    public static final int UNAUTHORIZED = 4;
    /** The user may not do this (HTTP 403, call result {@code forbidden}). */
    public static final int FORBIDDEN = 5;
    /** No such thing: no session published under the alias, no such method, no such connection (HTTP 404). */
    public static final int NOT_FOUND = 6;
    /** The call reached the publisher and failed: {@code handler-error}, {@code bad-request}. */
    public static final int CALL_FAILED = 7;
    /** The deadline ({@code --timeout}) passed without an answer. */
    public static final int TIMEOUT = 8;
    /** Try again later: {@code busy}, {@code shutting-down}, {@code publisher-lost}, connection lost mid-call. */
    public static final int UNAVAILABLE = 9;

    private ExitCode() {}
}
