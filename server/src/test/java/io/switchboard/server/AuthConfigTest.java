package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher's side of authentication: `switchboard passwd`, and auth-users files that stop the start. */
class AuthConfigTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err, Main main) {}

    private static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        CommandLine commandLine = main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString(), main);
    }

    @Test
    void passwdPrintsABcryptHashOfTheFirstLineOfStandardInput() {
        Run run = run("s3cret pass\nignored\n", "passwd");
        assertThat(run.code()).isZero();
        String hash = run.out().strip();
        assertThat(hash).startsWith("$2a$11$").hasSize(60).doesNotContain("s3cret");
        assertThat(BCrypt.verifyer().verify("s3cret pass".toCharArray(), hash).verified)
                .isTrue();
        assertThat(run.main().server()).isNull();
    }

    @Test
    void passwdTakesACostAndRefusesCheapOnesAndLongPasswords() {
        assertThat(run("pw\n", "passwd", "--cost", "10").out().strip()).startsWith("$2a$10$");
        Run cheap = run("pw\n", "passwd", "--cost", "4");
        assertThat(cheap.code()).isEqualTo(2);
        assertThat(cheap.err()).contains("--cost");
        Run longOne = run("x".repeat(73) + "\n", "passwd");
        assertThat(longOne.code()).isEqualTo(2);
        assertThat(longOne.err()).contains("72");
        Run empty = run("", "passwd");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no password");
    }

    @Test
    void passwdTokenPrintsTheSha256InHex() {
        Run run = run("test\n", "passwd", "--token");
        assertThat(run.code()).isZero();
        assertThat(run.out().strip()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void aBadUsersFileStopsTheStartWithExitCodeTwoNamingTheOptionAndTheUser() throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, "users:\n  - name: inventory\n    password: hunter2\n");
        Run run = run("", "--auth-users", users.toString(), "--port", "0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("auth-users")
                .contains("user 'inventory'")
                .doesNotContain("hunter2");
        assertThat(run.main().server()).isNull();
        Run missing = run("", "--auth-users", dir.resolve("nope.yaml").toString(), "--port", "0");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml");
    }
}
