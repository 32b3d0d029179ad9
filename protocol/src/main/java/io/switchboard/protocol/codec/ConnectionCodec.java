package io.switchboard.protocol.codec;

import io.switchboard.protocol.Codec;

/**
 * The codec and payload compression of one connection, shared by its decoder and encoder. JSON and no compression
 * until the handshake picks others; the handler that reads WELCOME (or writes it) switches them before the next
 * frame is handled.
 */
public final class ConnectionCodec {

    private volatile Codec codec = Codec.JSON;
    private volatile Compression compression;

    public Codec get() {
        return codec;
    }

    public void set(Codec codec) {
        this.codec = codec;
    }

    /** The agreed compression, or null for none. */
    public Compression compression() {
        return compression;
    }

    public void setCompression(Compression compression) {
        this.compression = compression;
    }
}
