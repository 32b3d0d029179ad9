package io.switchboard.protocol.codec;

/**
 * The payload compression a connection agreed on in its handshake: deflate (RFC 1950 zlib streams), the only one
 * defined. Absent (null in {@link ConnectionCodec}) until WELCOME agrees on it, and on connections that did not.
 *
 * @param compressAbove payloads longer than this many bytes are compressed when sent (when that makes them smaller)
 * @param maxInflated   the most bytes a received compressed payload may inflate to (the receiver's frame limit);
 *                      more is refused, so a small frame cannot make the receiver allocate without bound
 */
public record Compression(int compressAbove, int maxInflated) {

    /** The one algorithm, as HELLO offers it and WELCOME names it. */
    public static final String DEFLATE = "deflate";

    public Compression {
        if (compressAbove < 0) {
            throw new IllegalArgumentException("compressAbove must be 0 or more, not " + compressAbove);
        }
        if (maxInflated < 1) {
            throw new IllegalArgumentException("maxInflated must be positive, not " + maxInflated);
        }
    }
}
