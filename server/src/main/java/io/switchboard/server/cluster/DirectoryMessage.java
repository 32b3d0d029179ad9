package io.switchboard.server.cluster;

import io.switchboard.protocol.Names;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.SessionDefinition;
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
 * What nodes tell each other about their aliases (docs/cluster.md, "The directory's messages"). Each message carries
 * the sender's version (a counter that grows with every change the sender announces):
 * <ul>
 *   <li>{@code update}: one alias's publishers and calls in flight on the sender (0 publishers = no longer
 *       published there), multicast to all. A publish-time update also carries the alias's definition (methods,
 *       idempotent methods, policy: what LIST and SUBSCRIBE show); the 100 ms load samples do not;
 *   <li>{@code state}: every alias the sender publishes, with definitions, sent to a member that has just joined.
 * </ul>
 * Byte layout (big-endian): format {@code 1}, kind, version (8 bytes), then per kind: {@code 1} update: alias
 * (modified UTF-8 with a 2-byte length), publishers and in-flight (4 bytes each); {@code 2} state: a count (4 bytes)
 * and that many updates' bodies; {@code 3} update with definition: an update's body then a definition; {@code 4}
 * state with definitions: a count and that many kind-3 bodies. A definition is the policy (its wire name, modified
 * UTF-8), the methods (a 4-byte count, then each name) and the idempotent methods (the same). Kinds 1 and 2 are
 * what earlier versions sent; they are still read.
 *
 * @param entries     alias to load; exactly one for an update
 * @param definitions alias to definition, for the aliases whose definition the message carries (may be empty)
 */
record DirectoryMessage(
        Kind kind, long version, Map<String, AliasLoad> entries, Map<String, SessionDefinition> definitions) {

    static final byte FORMAT = 1;

    enum Kind {
        UPDATE,
        STATE
    }

    static DirectoryMessage update(long version, String alias, AliasLoad load) {
        return new DirectoryMessage(Kind.UPDATE, version, Map.of(alias, load), Map.of());
    }

    /** An update with the alias's definition: sent when it is published here or its definition changed. */
    static DirectoryMessage update(long version, String alias, AliasLoad load, SessionDefinition definition) {
        return new DirectoryMessage(Kind.UPDATE, version, Map.of(alias, load), Map.of(alias, definition));
    }

    /** A state without definitions (kind 2, as earlier versions sent). */
    static DirectoryMessage state(long version, Map<String, AliasLoad> entries) {
        return state(version, entries, Map.of());
    }

    /** @param defs every alias's definition (kind 4), or none (kind 2) */
    static DirectoryMessage state(long version, Map<String, AliasLoad> entries, Map<String, SessionDefinition> defs) {
        return new DirectoryMessage(Kind.STATE, version, Map.copyOf(entries), Map.copyOf(defs));
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            boolean defined = !definitions.isEmpty();
            out.writeByte(kind == Kind.UPDATE ? (defined ? 3 : 1) : (defined ? 4 : 2));
            out.writeLong(version);
            if (kind == Kind.STATE) {
                out.writeInt(entries.size());
            }
            for (Map.Entry<String, AliasLoad> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().publishers());
                out.writeInt(e.getValue().inFlight());
                if (defined) {
                    SessionDefinition d = definitions.get(e.getKey());
                    out.writeUTF(d.policy().wireName());
                    names(out, d.methods());
                    names(out, d.idempotent());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void names(DataOutputStream out, List<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeUTF(name);
        }
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
            if (kind < 1 || kind > 4) {
                throw new IllegalArgumentException("unknown directory message kind " + kind);
            }
            boolean defined = kind >= 3;
            boolean state = kind % 2 == 0;
            int count = 1;
            if (state) {
                count = in.readInt();
                if (count < 0 || count > maxEntries) {
                    throw new IllegalArgumentException("a state of " + count + " aliases (at most " + maxEntries + ")");
                }
            }
            Map<String, AliasLoad> entries = new LinkedHashMap<>();
            Map<String, SessionDefinition> definitions = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String alias = name(in, "alias");
                entries.put(alias, load(in));
                if (defined) {
                    definitions.put(alias, definition(in, alias));
                }
            }
            ensureEnd(in);
            return new DirectoryMessage(state ? Kind.STATE : Kind.UPDATE, version, entries, definitions);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated directory message", e);
        }
    }

    /** A definition, checked as a PUBLISH is: valid names, at least one method, idempotent ones among them. */
    private static SessionDefinition definition(DataInputStream in, String alias) throws IOException {
        String policyName = in.readUTF();
        SessionPolicy policy = SessionPolicy.knownOrNull(policyName);
        if (policy == null) {
            throw new IllegalArgumentException("unknown policy '" + policyName + "' of '" + alias + "'");
        }
        List<String> methods = names(in, "method name");
        List<String> idempotent = names(in, "method name");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("'" + alias + "' has no methods");
        }
        if (!methods.containsAll(idempotent)) {
            throw new IllegalArgumentException("an idempotent method of '" + alias + "' is not among its methods");
        }
        return new SessionDefinition(alias, methods, idempotent, policy);
    }

    private static List<String> names(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        // Each name takes at least 3 bytes: a count beyond what is left is malformed, and allocates nothing.
        if (count < 0 || count > in.available() / 3) {
            throw new IllegalArgumentException("a list of " + count + " " + what + "s");
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(name(in, what));
        }
        return names;
    }

    private static String name(DataInputStream in, String what) throws IOException {
        String name = in.readUTF();
        String problem = Names.problem(name, what);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return name;
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
