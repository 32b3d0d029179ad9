package io.switchboard.glassfish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GlassFish's {@code asadmin}, run as an administrator would against the test domain's admin port. Every command has
 * a deadline; a failing command fails the test with asadmin's own output.
 */
final class AsAdmin {

    /** Deploying the sample war on a loaded 2-core machine is the slowest command; generous on purpose. */
    private static final long DEADLINE_SECONDS = 180;

    private final Path glassFishHome;
    private final int adminPort;

    AsAdmin(Path glassFishHome, int adminPort) {
        this.glassFishHome = glassFishHome;
        this.adminPort = adminPort;
    }

    /** The domain the build created, from failsafe's system properties. */
    static AsAdmin ofBuild() {
        return new AsAdmin(Path.of(System.getProperty("glassfish.home")), Integer.getInteger("glassfish.admin.port"));
    }

    /** Runs one command; its output, or an {@link AssertionError} naming the command and what asadmin said. */
    String run(String... command) {
        Result result = attempt(command);
        if (result.exitCode() != 0) {
            throw new AssertionError("asadmin " + String.join(" ", command) + " failed (" + result.exitCode() + "):\n"
                    + result.output());
        }
        return result.output();
    }

    /** Runs one command and reports how it ended, without judging it. */
    Result attempt(String... command) {
        List<String> line = new ArrayList<>();
        line.add(glassFishHome.resolve("bin/asadmin").toString());
        line.add("--port=" + adminPort);
        line.add("--interactive=false");
        line.addAll(List.of(command));
        try {
            // Into a file, so that waiting has a deadline even if asadmin hangs with its output open.
            Path output = Files.createTempFile("asadmin", ".out");
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "asadmin " + String.join(" ", command) + " did not end within " + DEADLINE_SECONDS + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during asadmin " + String.join(" ", command), e);
        }
    }

    record Result(int exitCode, String output) {}
}
