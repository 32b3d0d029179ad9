package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/operations.md documents every option, with its three spellings, in the configuration table. */
class OperationsDocTest {

    @Test
    void everyOptionHasARowInOperationsMd() throws Exception {
        String text = Files.readString(Path.of("..", "docs", "operations.md"));
        for (ConfigOption option : ConfigOption.values()) {
            String row = "| `" + option.key() + "` | `" + option.envVar() + "` | `" + option.flag() + " ";
            assertThat(text).as("operations.md row for " + option.key()).contains(row);
        }
    }
}
