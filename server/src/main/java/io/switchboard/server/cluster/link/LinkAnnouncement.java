package io.switchboard.server.cluster.link;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a node tells the other members over JGroups (never over the link itself) about its link: where it listens and
 * the secret a connecting member must prove. Binary, big-endian: format {@code 5}, kind {@code 1}, host (2-byte length
 * + UTF-8), port (2, unsigned), secret (16).
 *
 * @param secret {@link #SECRET_BYTES} random bytes; never logged ({@link #toString()} leaves it out)
 */
public record LinkAnnouncement(String host, int port, byte[] secret) {

    /** The first byte: sets it apart from the directory's messages (1) and the call link's (2). */
    public static final byte FORMAT = 5;

    static final byte KIND = 1;
    public static final int SECRET_BYTES = 16;
    private static final int MAX_HOST_BYTES = 255;

    public LinkAnnouncement {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a link secret has " + SECRET_BYTES + " bytes");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("link port must be 1..65535, was " + port);
        }
        secret = secret.clone();
    }

    public byte[] encode() {
        byte[] h = host.getBytes(StandardCharsets.UTF_8);
        if (h.length > MAX_HOST_BYTES) {
            throw new IllegalArgumentException("link host is longer than " + MAX_HOST_BYTES + " bytes");
        }
        return ByteBuffer.allocate(2 + 2 + h.length + 2 + SECRET_BYTES)
                .put(FORMAT)
                .put(KIND)
                .putShort((short) h.length)
                .put(h)
                .putShort((short) port)
                .put(secret)
                .array();
    }

    /** @throws IllegalArgumentException when the bytes are not an announcement of this format */
    public static LinkAnnouncement decode(byte[] array, int offset, int length) {
        try {
            ByteBuffer in = ByteBuffer.wrap(array, offset, length);
            if (in.get() != FORMAT || in.get() != KIND) {
                throw new IllegalArgumentException("not a link announcement");
            }
            int hostLength = Short.toUnsignedInt(in.getShort());
            if (hostLength == 0 || hostLength > MAX_HOST_BYTES) {
                throw new IllegalArgumentException("link host of " + hostLength + " bytes");
            }
            byte[] h = new byte[hostLength];
            in.get(h);
            int port = Short.toUnsignedInt(in.getShort());
            byte[] secret = new byte[SECRET_BYTES];
            in.get(secret);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the announcement");
            }
            return new LinkAnnouncement(new String(h, StandardCharsets.UTF_8), port, secret);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated link announcement");
        }
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkAnnouncement a
                && a.host.equals(host)
                && a.port == port
                && Arrays.equals(a.secret, secret);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
