package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes as the YAML config file: {@link ConfigLoader} gives a configuration, or a {@link ConfigException} whose
 * message says what is wrong (Main prints it and exits 2); never another exception, which would be a stack trace
 * for an operator's typo.
 *
 * <p>Input: the file. Seeds: {@code
 * src/test/resources/io/switchboard/server/config/ConfigLoaderFuzzTestInputs/yamlFile/}.
 */
class ConfigLoaderFuzzTest {

    private static Path dir;
    private static Path file;

    @BeforeAll
    static void file() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
        file = dir.resolve("switchboard.yaml");
    }

    @AfterAll
    static void remove() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "60s")
    void yamlFile(byte[] yaml) {
        try {
            Files.write(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            LoadedConfig loaded = ConfigLoader.load(file, Map.of(), Map.of());
            assertThat(loaded.server()).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).as("what is wrong, for the operator").isNotBlank();
        }
    }
}
