package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.cli.AdminCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * bin/switchboard sends the admin commands to the CLI and everything else to {@link Main}: the launcher's list, the
 * CLI's commands and the server's --help must name the same commands.
 */
class LauncherTest {

    @Test
    void theLauncherDispatchesExactlyTheCliCommands() throws Exception {
        String script = Files.readString(Path.of("src/dist/bin/switchboard"));
        Matcher dispatch = Pattern.compile(
                        "(?m)^\\s+([a-z|-]+)\\)\\n.*\\n\\s+exec .* io\\.switchboard\\.cli\\.AdminCli \"\\$@\"")
                .matcher(script);
        assertThat(dispatch.find()).as("the launcher's case for the admin CLI").isTrue();
        List<String> dispatched = Arrays.asList(dispatch.group(1).split("\\|"));
        assertThat(dispatched).containsExactlyElementsOf(AdminCli.COMMANDS).doesNotContain("passwd");
    }

    @Test
    void theServersHelpNamesTheAdminCommands() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new Main(Map.of()).commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (String command : AdminCli.COMMANDS) {
            assertThat(help).contains("'" + command + "'");
        }
    }
}
