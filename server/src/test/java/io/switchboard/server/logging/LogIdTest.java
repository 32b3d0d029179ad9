package io.switchboard.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry of log ids: the server's {@link LogId} and the client's (read from its source: the server does not
 * depend on the client) hold unique ids, each listed in docs/operations.md with what to do, each used, and every
 * WARN and ERROR line of the server and the client starts with one.
 */
class LogIdTest {

    private static final Path SERVER_SOURCES = Path.of("src", "main", "java");
    private static final Path CLIENT_SOURCES = Path.of("..", "client", "src", "main", "java");
    private static final Path CLIENT_LOG_ID =
            CLIENT_SOURCES.resolve(Path.of("io", "switchboard", "client", "internal", "LogId.java"));
    private static final Pattern ENUM_CONSTANT =
            Pattern.compile("^\\s+([A-Z_0-9]+)\\(\"(SWB\\d{4})\"\\)", Pattern.MULTILINE);
    /** A row of the table in docs/operations.md: | `SWB0101` | INFO | what it says | what to do |. */
    private static final Pattern DOC_ROW =
            Pattern.compile("^\\| `(SWB\\d{4})` \\| ([A-Z]+) \\| (.+?) \\| (.*?) \\|$", Pattern.MULTILINE);
    /** A WARN or ERROR call: its format (string literals joined by +) and its second argument. */
    private static final String LITERAL = "\"(?:[^\"\\\\]|\\\\.)*\"";

    private static final Pattern WARN_OR_ERROR = Pattern.compile(
            "\\b(?:log|LOG)\\.(?:warn|error)\\(\\s*(" + LITERAL + "(?:\\s*\\+\\s*" + LITERAL + ")*)\\s*,\\s*([\\w.]+)");

    /** Every id, server's and client's, with the constant's name. */
    private static Map<String, String> allIds() throws IOException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (LogId id : LogId.values()) {
            assertThat(ids.put(id.code(), "server " + id.name()))
                    .as("duplicate id " + id.code())
                    .isNull();
        }
        Matcher client = ENUM_CONSTANT.matcher(Files.readString(CLIENT_LOG_ID));
        while (client.find()) {
            assertThat(ids.put(client.group(2), "client " + client.group(1)))
                    .as("duplicate id " + client.group(2))
                    .isNull();
        }
        return ids;
    }

    @Test
    void idsAreUniqueAndInTheirArea() throws IOException {
        Map<String, String> ids = allIds();
        assertThat(ids).hasSizeGreaterThan(LogId.values().length); // the client's were read too
        ids.forEach((code, owner) -> {
            assertThat(code).matches("SWB\\d{4}");
            if (owner.startsWith("client")) {
                assertThat(code).as(owner).startsWith("SWB09");
            } else {
                assertThat(code).as(owner).doesNotStartWith("SWB09");
            }
        });
    }

    @Test
    void everyIdIsListedInOperationsMdWithWhatToDo() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "operations.md"));
        Map<String, String> rows = new HashMap<>();
        Matcher row = DOC_ROW.matcher(doc);
        while (row.find()) {
            assertThat(rows.put(row.group(1), row.group(4)))
                    .as("operations.md lists " + row.group(1) + " twice")
                    .isNull();
            assertThat(row.group(2)).as(row.group(1) + "'s level").isIn("INFO", "WARN", "ERROR");
            assertThat(row.group(4).strip())
                    .as("what to do about " + row.group(1))
                    .isNotEmpty();
        }
        Map<String, String> ids = allIds();
        assertThat(rows.keySet()).as("ids in operations.md").containsExactlyInAnyOrderElementsOf(ids.keySet());
    }

    @Test
    void everyServerIdIsUsed() throws IOException {
        String sources = allSources(SERVER_SOURCES);
        for (LogId id : LogId.values()) {
            assertThat(sources).as(id + " used").contains("LogId." + id.name());
        }
        String client = allSources(CLIENT_SOURCES);
        Matcher constant = ENUM_CONSTANT.matcher(Files.readString(CLIENT_LOG_ID));
        while (constant.find()) {
            assertThat(client).as(constant.group(2) + " used").contains("LogId." + constant.group(1));
        }
    }

    /** New WARN and ERROR lines need an id too: "{} what happened", LogId.SOMETHING, ... */
    @Test
    void everyWarnAndErrorStartsWithAnId() throws IOException {
        List<String> without = new ArrayList<>();
        for (Path root : List.of(SERVER_SOURCES, CLIENT_SOURCES)) {
            for (Path file : javaFiles(root)) {
                String text = Files.readString(file);
                Matcher call = WARN_OR_ERROR.matcher(text);
                while (call.find()) {
                    if (!call.group(1).startsWith("\"{} ") || !call.group(2).startsWith("LogId.")) {
                        without.add(file.getFileName() + ": " + call.group(0).replaceAll("\\s+", " "));
                    }
                }
                long calls = Pattern.compile("\\b(?:log|LOG)\\.(?:warn|error)\\(")
                        .matcher(text)
                        .results()
                        .count();
                long matched = WARN_OR_ERROR.matcher(text).results().count();
                if (calls != matched) {
                    without.add(file.getFileName() + ": " + (calls - matched)
                            + " WARN/ERROR call(s) whose format is not one literal followed by its id");
                }
            }
        }
        assertThat(without)
                .as("WARN/ERROR lines without a LogId (docs/operations.md, Log messages)")
                .isEmpty();
    }

    @Test
    void idsAreNotWrittenOutInTheSources() throws IOException {
        Set<String> literal = new HashSet<>();
        for (Path root : List.of(SERVER_SOURCES, CLIENT_SOURCES)) {
            for (Path file : javaFiles(root)) {
                if (file.getFileName().toString().equals("LogId.java")) {
                    continue;
                }
                Matcher id = Pattern.compile("SWB\\d{4}").matcher(Files.readString(file));
                while (id.find()) {
                    literal.add(file.getFileName() + ": " + id.group());
                }
            }
        }
        assertThat(literal).as("ids belong in a LogId enum, not in a string").isEmpty();
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String allSources(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : javaFiles(root)) {
            all.append(Files.readString(file)).append('\n');
        }
        return all.toString();
    }

    @Test
    void theLogIdPrintsAsItsCode() {
        assertThat(LogId.LISTENING).hasToString("SWB0101");
        assertThat(Arrays.stream(LogId.values()).map(LogId::code).distinct().count())
                .isEqualTo(LogId.values().length);
    }
}
