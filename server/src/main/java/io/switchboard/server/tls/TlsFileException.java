package io.switchboard.server.tls;

import java.nio.file.Path;

/** A TLS file cannot be used; the message names the option, the file and the reason. */
public final class TlsFileException extends Exception {

    private final Path file;

    TlsFileException(String option, Path file, String reason) {
        super(option + " file " + file + ": " + reason);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
