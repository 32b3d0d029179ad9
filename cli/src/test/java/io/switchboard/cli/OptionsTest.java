package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ResultCode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the commands decide before they talk to a server: arguments, credentials, URLs, exit codes. */
class OptionsTest {

    @TempDir
    Path dir;

    private static Terminal terminal(Map<String, String> env) {
        return new Terminal(env, new ByteArrayInputStream(new byte[0]), null);
    }

    private static CommonOptions options(String user, Path passwordFile, Path tokenFile) {
        CommonOptions options = new CommonOptions();
        options.user = user;
        options.passwordFile = passwordFile;
        options.tokenFile = tokenFile;
        return options;
    }

    @Test
    void thePasswordComesFromAFileBeforeTheEnvironment() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "from-file\nignored second line\n");
        Credentials fromFile =
                Credentials.resolve(options("ops", file, null), terminal(Map.of("SWITCHBOARD_PASSWORD", "env")));
        assertThat(fromFile.password()).isEqualTo("from-file");
        assertThat(fromFile.authorizationHeader()).contains("Basic b3BzOmZyb20tZmlsZQ==");
        assertThat(fromFile.toString()).isEqualTo("user ops").doesNotContain("from-file");

        Credentials fromEnv = Credentials.resolve(
                options(null, null, null), terminal(Map.of("SWITCHBOARD_USER", "ops", "SWITCHBOARD_PASSWORD", "env")));
        assertThat(fromEnv.user()).isEqualTo("ops");
        assertThat(fromEnv.password()).isEqualTo("env");
    }

    @Test
    void aTokenIsABearer() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  s3cret  \n");
        Credentials token = Credentials.resolve(options(null, null, file), terminal(Map.of()));
        assertThat(token.authorizationHeader()).contains("Bearer s3cret");
        assertThat(Credentials.resolve(options(null, null, null), terminal(Map.of("SWITCHBOARD_TOKEN", "t")))
                        .token())
                .isEqualTo("t");
        assertThat(Credentials.resolve(options(null, null, null), terminal(Map.of()))
                        .authorizationHeader())
                .isEmpty();
    }

    @Test
    void unusableCredentialsAreUsageErrors() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> Credentials.resolve(options("ops", empty, null), terminal(Map.of())))
                .isInstanceOf(CliException.class)
                .hasMessage("--password-file " + empty + " is empty");
        assertThatThrownBy(() -> Credentials.resolve(options("ops", null, empty), terminal(Map.of())))
                .hasMessage("give --user or --token-file, not both");
        assertThatThrownBy(() -> Credentials.resolve(options(null, empty, null), terminal(Map.of())))
                .hasMessage("--password-file needs --user NAME");
        assertThatThrownBy(() -> Credentials.resolve(options(null, null, dir.resolve("nope")), terminal(Map.of())))
                .hasMessageStartingWith("cannot read --token-file");
    }

    @Test
    void monitoringUrlsAreHttpOrHttps() {
        assertThat(MonitorClient.parse("http://127.0.0.1:8222/").toString()).isEqualTo("http://127.0.0.1:8222");
        assertThat(MonitorClient.parse("https://mon.example:443/switchboard//").toString())
                .isEqualTo("https://mon.example:443/switchboard");
        for (String bad : new String[] {"tcp://127.0.0.1:7420", "127.0.0.1:8222", "http://u:p@host:1", "http://h/?x"}) {
            assertThatThrownBy(() -> MonitorClient.parse(bad))
                    .isInstanceOfSatisfying(
                            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                    .hasMessageContaining("is not a monitoring URL");
        }
    }

    @Test
    void sortKeysAreTheServersWithCallsAsAShorthand() {
        assertThat(ConnectionsCommand.sortKey("calls")).isEqualTo("calls_out");
        assertThat(ConnectionsCommand.sortKey("pending_write_bytes")).isEqualTo("pending_write_bytes");
        assertThatThrownBy(() -> ConnectionsCommand.sortKey("CID")).isInstanceOf(CliException.class);
    }

    @Test
    void everyResultCodeHasAnExitCodeAndOnlyOkIsZero() {
        for (ResultCode code : EnumSet.allOf(ResultCode.class)) {
            assertThat(CallCommand.exitCode(code) == ExitCode.OK)
                    .as(code.wireName())
                    .isEqualTo(code.isOk());
        }
        assertThat(CallCommand.exitCode(ResultCode.NO_SUCH_SESSION)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CallCommand.exitCode(ResultCode.SHUTTING_DOWN)).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCli.run(
                new String[] {"connections", "--limit", "many"},
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("switchboard: ").contains("'many'", "switchboard connections --help");

        StringWriter noCommandErr = new StringWriter();
        int none = AdminCli.run(
                new String[0],
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(noCommandErr));
        assertThat(none).isEqualTo(ExitCode.USAGE);
        assertThat(noCommandErr.toString()).contains("status", "sessions", "connections", "call", "top", "drain");
    }

    @Test
    void timeoutsMustBePositive() {
        CommonOptions options = new CommonOptions();
        options.timeoutSeconds = 0;
        assertThatThrownBy(options::timeout).hasMessageContaining("--timeout must be more than 0");
        options.timeoutSeconds = 1.5;
        assertThat(options.timeout().toMillis()).isEqualTo(1500);
    }
}
