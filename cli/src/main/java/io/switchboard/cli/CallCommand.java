package io.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.RequestException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.SwitchboardException;
import io.switchboard.client.TlsHandshakeException;
import io.switchboard.client.TlsOptions;
import io.switchboard.client.UnauthorizedException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard call ALIAS METHOD [payload]}: one call through the client port with the plain client. The result
 * goes to stdout as JSON, a timing line ({@code # 1.23 ms (ok)}) to stderr; the exit code says how it ended.
 */
@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = "Calls ALIAS.METHOD through the client port and prints the result as JSON, and the time it took "
                + "as '# 1.23 ms (ok)' on stderr. Exit 0 for ok; otherwise the code of the result's class (see "
                + "docs/monitoring.md).")
final class CallCommand implements Callable<Integer> {

    static final String SERVER_ENV = "SWITCHBOARD_SERVER";
    static final String DEFAULT_SERVER = "tcp://127.0.0.1:7420";
    /** The most read from stdin for a payload: the server's largest frame limit is far below it. */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    AdminCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The client port: tcp://host:port, tls://host:port or unix:///path (also ${" + SERVER_ENV
                    + "}; default " + DEFAULT_SERVER + ").")
    String server;

    @Parameters(index = "0", paramLabel = "ALIAS", description = "The session to call.")
    String alias;

    @Parameters(index = "1", paramLabel = "METHOD", description = "Its method.")
    String method;

    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "PAYLOAD",
            description = "The payload as JSON, or - to read it from stdin. Default: null.")
    String payloadText;

    @Override
    public Integer call() {
        JsonNode payload = payload();
        String url = server != null ? server : cli.terminal().env(SERVER_ENV).orElse(DEFAULT_SERVER);
        ClientOptions options = options(url);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SwitchboardClient client = connect(options, url)) {
            long start = System.nanoTime();
            try {
                JsonNode result = client.call(alias, method, payload, JsonNode.class, options.callTimeout());
                timing(err, start, ResultCode.OK.wireName());
                out.println(MonitorCommand.PRETTY.writeValueAsString(result == null ? NullNode.instance : result));
                return ExitCode.OK;
            } catch (CallException e) {
                timing(err, start, e.code().wireName());
                throw new CliException(
                        exitCode(e.code()), serverMessage(e) + " (" + e.code().wireName() + ")");
            } catch (ConnectionLostException e) {
                timing(err, start, "connection lost");
                throw new CliException(ExitCode.UNAVAILABLE, "the connection to " + url + " was lost during the call");
            } catch (JsonProcessingException e) {
                throw new CliException(ExitCode.FAILED, "cannot print the result as JSON: " + e.getMessage());
            }
        } catch (SwitchboardException e) {
            throw new CliException(ExitCode.FAILED, "the call failed: " + e.getMessage());
        }
    }

    private ClientOptions options(String url) {
        Duration timeout = common.timeout();
        Credentials credentials = Credentials.resolve(common, cli.terminal());
        try {
            ClientOptions.Builder builder = ClientOptions.builder()
                    .url(url)
                    .codec("json")
                    .clientName("switchboard-cli")
                    .reconnect(false)
                    .connectTimeout(timeout)
                    .callTimeout(timeout);
            if (credentials.user() != null) {
                builder.user(credentials.user(), credentials.password());
            } else if (credentials.token() != null) {
                builder.token(credentials.token());
            }
            if (common.ca != null) {
                builder.tls(TlsOptions.builder().trustCertificates(common.ca).build());
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    private static SwitchboardClient connect(ClientOptions options, String url) {
        try {
            return SwitchboardClient.connect(options);
        } catch (TlsHandshakeException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach the server at " + url + ": " + e.getMessage());
        } catch (NotConnectedException e) {
            if (e.getCause() instanceof UnauthorizedException refused) {
                throw new CliException(
                        ExitCode.UNAUTHORIZED,
                        "unauthorized: the server at " + url + " refused the login: " + refused.getMessage());
            }
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach the server at " + url + ": " + reason(e));
        } catch (RequestException e) {
            int code = e.code() == ErrorCode.UNAUTHORIZED ? ExitCode.UNAUTHORIZED : ExitCode.FAILED;
            throw new CliException(code, "the server at " + url + " refused the connection: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /** Why the connect failed, in the words of {@code MonitorClient}'s errors rather than the transport's. */
    static String reason(NotConnectedException e) {
        for (Throwable why = e.getCause(); why != null; why = why.getCause()) {
            if (why instanceof java.net.ConnectException) {
                String message = String.valueOf(why.getMessage());
                return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : message;
            }
        }
        Throwable why = e.getCause();
        return why != null && why.getMessage() != null ? why.getMessage() : e.getMessage();
    }

    private JsonNode payload() {
        if (payloadText == null) {
            return NullNode.instance;
        }
        String text = payloadText;
        String from = "the payload";
        if ("-".equals(payloadText)) {
            from = "the payload on stdin";
            try {
                byte[] bytes = cli.terminal().stdin().readNBytes(MAX_PAYLOAD_BYTES + 1);
                if (bytes.length > MAX_PAYLOAD_BYTES) {
                    throw new CliException(ExitCode.USAGE, from + " is larger than " + MAX_PAYLOAD_BYTES + " bytes");
                }
                text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read the payload from stdin: " + e.getMessage());
            }
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new CliException(ExitCode.USAGE, from + " is empty; give JSON, e.g. '{}' or '\"text\"'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CliException(
                    ExitCode.USAGE,
                    from + " is not JSON (" + e.getOriginalMessage() + "); quote text as JSON, e.g. '\"hello\"'");
        }
    }

    private static void timing(PrintWriter err, long startNanos, String outcome) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        err.println(String.format(Locale.ROOT, "# %.2f ms (%s)", ms, outcome));
        err.flush();
    }

    /** The server's own words, without the code prefix CallException adds. */
    private static String serverMessage(CallException e) {
        String prefix = e.code().wireName() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    static int exitCode(ResultCode code) {
        return switch (code) {
            case OK -> ExitCode.OK;
            case NO_SUCH_SESSION, UNKNOWN_METHOD, NO_SUCH_LINE, NO_SUCH_TICKET -> ExitCode.NOT_FOUND;
            case FORBIDDEN -> ExitCode.FORBIDDEN;
            case TIMEOUT, PENDING -> ExitCode.TIMEOUT;
            case BUSY, SHUTTING_DOWN, PUBLISHER_LOST -> ExitCode.UNAVAILABLE;
            case HANDLER_ERROR, BAD_REQUEST, ROLLED_BACK -> ExitCode.CALL_FAILED;
        };
    }
}
