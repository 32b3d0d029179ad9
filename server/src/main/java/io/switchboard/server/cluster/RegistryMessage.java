package io.switchboard.server.cluster;

import io.switchboard.server.registry.SharedEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What nodes tell each other about their registries (docs/cluster.md, "The registry across nodes"). Big-endian,
 * strings in modified UTF-8 with a 2-byte length: format {@code 4}, kind, the sender's version (8: a counter growing
 * with every registry message it sends), then
 * <ul>
 *   <li>{@code 1} put: an entry (name, instance, endpoint count (1) and endpoints, metadata count (1) and key/value
 *       pairs, TTL in ms (8, 0 for none), expiry time in ms since the epoch (8, 0 for none));
 *   <li>{@code 2} remove: name, instance;
 *   <li>{@code 3} state: whether the receiver should answer with its own (1), a count (4), that many entries.
 * </ul>
 * Every entry is checked as a REGISTER is.
 */
record RegistryMessage(
        Kind kind, long version, List<SharedEntry> entries, String name, String instance, boolean askState) {

    static final byte FORMAT = 4;

    enum Kind {
        PUT,
        REMOVE,
        STATE
    }

    static RegistryMessage put(SharedEntry entry) {
        return new RegistryMessage(Kind.PUT, 0, List.of(entry), entry.name(), entry.instance(), false);
    }

    static RegistryMessage remove(String name, String instance) {
        return new RegistryMessage(Kind.REMOVE, 0, List.of(), name, instance, false);
    }

    /** @param askState whether the receiver answers with its own state (a node that has just joined asks) */
    static RegistryMessage state(List<SharedEntry> entries, boolean askState) {
        return new RegistryMessage(Kind.STATE, 0, List.copyOf(entries), null, null, askState);
    }

    /** The same message at the sender's {@code version}. */
    RegistryMessage at(long version) {
        return new RegistryMessage(kind, version, entries, name, instance, askState);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeByte(kind.ordinal() + 1);
            out.writeLong(version);
            switch (kind) {
                case PUT -> entry(out, entries.get(0));
                case REMOVE -> {
                    out.writeUTF(name);
                    out.writeUTF(instance);
                }
                case STATE -> {
                    out.writeBoolean(askState);
                    out.writeInt(entries.size());
                    for (SharedEntry e : entries) {
                        entry(out, e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void entry(DataOutputStream out, SharedEntry e) throws IOException {
        out.writeUTF(e.name());
        out.writeUTF(e.instance());
        out.writeByte(e.endpoints().size());
        for (String endpoint : e.endpoints()) {
            out.writeUTF(endpoint);
        }
        out.writeByte(e.metadata().size());
        for (Map.Entry<String, String> m : e.metadata().entrySet()) {
            out.writeUTF(m.getKey());
            out.writeUTF(m.getValue());
        }
        out.writeLong(e.ttlMs());
        out.writeLong(e.expiresAtMs());
    }

    /**
     * @param maxEntries the most entries a state may carry
     * @throws IllegalArgumentException for anything malformed or too large, naming what
     */
    static RegistryMessage decode(byte[] array, int offset, int length, int maxEntries) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(array, offset, length))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown registry message format " + format);
            }
            byte kind = in.readByte();
            long version = in.readLong();
            RegistryMessage message;
            if (kind == 1) {
                message = put(entry(in));
            } else if (kind == 2) {
                message = remove(in.readUTF(), in.readUTF());
            } else if (kind == 3) {
                boolean ask = in.readBoolean();
                int count = in.readInt();
                if (count < 0 || count > maxEntries) {
                    throw new IllegalArgumentException(
                            "a registry state of " + count + " entries (at most " + maxEntries + ")");
                }
                List<SharedEntry> entries = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    entries.add(entry(in));
                }
                message = state(entries, ask);
            } else {
                throw new IllegalArgumentException("unknown registry message kind " + kind);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after a registry message");
            }
            return message.at(version);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated registry message", e);
        }
    }

    private static SharedEntry entry(DataInputStream in) throws IOException {
        String name = in.readUTF();
        String instance = in.readUTF();
        int endpointCount = in.readUnsignedByte();
        List<String> endpoints = new ArrayList<>(endpointCount);
        for (int i = 0; i < endpointCount; i++) {
            endpoints.add(in.readUTF());
        }
        int metadataCount = in.readUnsignedByte();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < metadataCount; i++) {
            metadata.put(in.readUTF(), in.readUTF());
        }
        SharedEntry entry = new SharedEntry(name, instance, endpoints, metadata, in.readLong(), in.readLong());
        String problem = entry.problem();
        if (problem != null) {
            throw new IllegalArgumentException("registry entry '" + name + "': " + problem);
        }
        return entry;
    }
}
