package io.switchboard.server.cluster;

import io.switchboard.server.routing.AliasLoad;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What nodes tell each other about their aliases (docs/cluster.md, "The directory's messages"). Two kinds, each
 * carrying the sender's version (a counter that grows with every change the sender announces):
 * <ul>
 *   <li>{@code update}: one alias's publishers and calls in flight on the sender (0 publishers = no longer
 *       published there), multicast to all;
 *   <li>{@code state}: every alias the sender publishes, sent to a member that has just joined its view.
 * </ul>
 * Byte layout (big-endian): format {@code 1}, kind ({@code 1} update, {@code 2} state), version (8 bytes); an
 * update then has alias (modified UTF-8 with a 2-byte length), publishers and in-flight (4 bytes each); a state has
 * a count (4 bytes) and that many alias, publishers, in-flight triples.
 *
 * @param entries alias to load; exactly one for an update
 */
record DirectoryMessage(Kind kind, long version, Map<String, AliasLoad> entries) {

    static final byte FORMAT = 1;

    enum Kind {
        UPDATE,
        STATE
    }

    static DirectoryMessage update(long version, String alias, AliasLoad load) {
        return new DirectoryMessage(Kind.UPDATE, version, Map.of(alias, load));
    }

    static DirectoryMessage state(long version, Map<String, AliasLoad> entries) {
        return new DirectoryMessage(Kind.STATE, version, Map.copyOf(entries));
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(kind == Kind.UPDATE ? 1 : 2);
            out.writeLong(version);
            if (kind == Kind.STATE) {
                out.writeInt(entries.size());
            }
            for (Map.Entry<String, AliasLoad> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().publishers());
                out.writeInt(e.getValue().inFlight());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * @param maxEntries the most aliases a state may carry (the receiver's cap, bounding what it allocates)
     * @throws IllegalArgumentException for anything malformed, of another format, or too large
     */
    static DirectoryMessage decode(byte[] array, int offset, int length, int maxEntries) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(array, offset, length))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown directory message format " + format);
            }
            byte kind = in.readByte();
            long version = in.readLong();
            if (kind == 1) {
                String alias = in.readUTF();
                AliasLoad load = load(in);
                ensureEnd(in);
                return update(version, alias, load);
            }
            if (kind != 2) {
                throw new IllegalArgumentException("unknown directory message kind " + kind);
            }
            int count = in.readInt();
            if (count < 0 || count > maxEntries) {
                throw new IllegalArgumentException("a state of " + count + " aliases (at most " + maxEntries + ")");
            }
            Map<String, AliasLoad> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                entries.put(in.readUTF(), load(in));
            }
            ensureEnd(in);
            return new DirectoryMessage(Kind.STATE, version, entries);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated directory message", e);
        }
    }

    private static AliasLoad load(DataInputStream in) throws IOException {
        int publishers = in.readInt();
        int inFlight = in.readInt();
        if (publishers < 0 || inFlight < 0) {
            throw new IllegalArgumentException("negative publishers or calls in flight");
        }
        return new AliasLoad(publishers, inFlight);
    }

    private static void ensureEnd(DataInputStream in) throws IOException {
        if (in.available() > 0) {
            throw new IllegalArgumentException("trailing bytes after a directory message");
        }
    }
}
