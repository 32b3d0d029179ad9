package io.switchboard.cli;

import java.io.Console;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * What a command reads from outside its arguments: the environment, standard input, and the console (for a
 * password prompt; null when there is no terminal). Passed in so tests run the commands in-process.
 */
record Terminal(Map<String, String> env, InputStream stdin, Console console) {

    static Terminal system() {
        return new Terminal(System.getenv(), System.in, System.console());
    }

    Optional<String> env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
