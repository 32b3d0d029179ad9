package io.switchboard.protocol.codec;

import io.switchboard.protocol.Codec;

/**
 * The codec of one connection, shared by its decoder and encoder. JSON until the handshake picks
 * another; the handler that reads WELCOME (or writes it) switches it before the next frame is handled.
 */
public final class ConnectionCodec {

    private volatile Codec codec = Codec.JSON;

    public Codec get() {
        return codec;
    }

    public void set(Codec codec) {
        this.codec = codec;
    }
}
