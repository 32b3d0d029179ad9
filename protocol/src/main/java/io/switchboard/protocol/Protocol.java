package io.switchboard.protocol;

import java.nio.charset.StandardCharsets;

/** Constants every Switchboard peer agrees on before the handshake. */
public final class Protocol {

    /** The protocol version this implementation speaks; sent in HELLO and echoed in WELCOME. */
    public static final int VERSION = 1;

    /** The first four bytes a binary-mode client sends: "SWB1". A text-mode client sends '{' instead. */
    public static final byte[] BINARY_MAGIC = "SWB1".getBytes(StandardCharsets.US_ASCII);

    /** Bytes in the length prefix of a binary frame. */
    public static final int LENGTH_FIELD_BYTES = 4;

    /** Default largest frame (type byte and body, without the length prefix) a peer accepts. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

    /** Longest alias or method name, in UTF-8 bytes; they travel as one-byte-length strings. */
    public static final int MAX_NAME_BYTES = 255;

    private Protocol() {}
}
