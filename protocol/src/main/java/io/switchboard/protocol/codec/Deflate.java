package io.switchboard.protocol.codec;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Compresses and inflates payloads with {@link Deflater} and {@link Inflater} (zlib format). One instance per
 * connection direction and thread: the deflater and inflater are reused, created on first use and released by
 * {@link #close()}.
 */
public final class Deflate implements AutoCloseable {

    /** Fast rather than small: a router pays for every byte it compresses. */
    private static final int LEVEL = Deflater.BEST_SPEED;

    private Deflater deflater;
    private Inflater inflater;

    /** The payload compressed, or null when compressing does not make it smaller. */
    public byte[] compress(byte[] payload) {
        if (deflater == null) {
            deflater = new Deflater(LEVEL);
        }
        deflater.reset();
        deflater.setInput(payload);
        deflater.finish();
        // Worth sending only if smaller; so never write more than payload.length - 1 bytes.
        byte[] out = new byte[payload.length];
        int length = 0;
        while (!deflater.finished()) {
            length += deflater.deflate(out, length, out.length - length);
            if (length == out.length && !deflater.finished()) {
                return null;
            }
        }
        return length < payload.length ? Arrays.copyOf(out, length) : null;
    }

    /**
     * The payload inflated.
     *
     * @param frame names the frame in errors ("DELIVER")
     * @throws ProtocolException bad-request when the bytes are no complete zlib stream, or inflate to more than
     *     {@code max} bytes
     */
    public byte[] inflate(byte[] compressed, int max, String frame) {
        if (inflater == null) {
            inflater = new Inflater();
        }
        inflater.reset();
        inflater.setInput(compressed);
        byte[] out = new byte[(int) Math.min(max + 1L, Math.max(64L, compressed.length * 4L))];
        int length = 0;
        try {
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (length > max) {
                        throw tooLarge(frame, max);
                    }
                    out = Arrays.copyOf(out, (int) Math.min(max + 1L, out.length * 2L));
                }
                int n = inflater.inflate(out, length, out.length - length);
                length += n;
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ProtocolException(
                            ErrorCode.BAD_REQUEST,
                            frame + " payload is flagged DEFLATED but is no complete zlib stream");
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    frame + " payload is flagged DEFLATED but is not valid deflate data: " + e.getMessage());
        }
        if (length > max) {
            throw tooLarge(frame, max);
        }
        if (inflater.getRemaining() > 0) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    frame + " payload has " + inflater.getRemaining() + " bytes after its zlib stream");
        }
        return Arrays.copyOf(out, length);
    }

    private static ProtocolException tooLarge(String frame, int max) {
        return new ProtocolException(
                ErrorCode.BAD_REQUEST, frame + " payload inflates to more than the limit of " + max + " bytes");
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
