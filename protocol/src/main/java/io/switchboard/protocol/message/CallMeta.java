package io.switchboard.protocol.message;

import io.netty.buffer.ByteBufUtil;
import io.switchboard.protocol.Names;
import io.switchboard.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who made a call and the headers it carries: the META part of a DELIVER. Callers send only headers; the
 * server names the caller itself (from its HELLO) when it forwards the call to a publisher.
 *
 * <p>Immutable and checked on construction, so whatever holds one can be put on the wire. The caller's name is
 * encoded to UTF-8 once, here, because the server forwards every call of a connection with the same name.
 */
public final class CallMeta {

    /** The most headers one call may carry; the count travels as one byte. */
    public static final int MAX_HEADERS = 255;
    /** Longest header name, and longest caller name, in UTF-8 bytes; they travel with a one-byte length. */
    public static final int MAX_NAME_BYTES = Protocol.MAX_NAME_BYTES;
    /** Longest header value in UTF-8 bytes; it travels with a two-byte length. */
    public static final int MAX_VALUE_BYTES = 0xFFFF;

    /** No caller, no headers: a DELIVER without META. */
    public static final CallMeta NONE = new CallMeta("", new byte[0], Map.of(), 1);

    private final String caller;
    private final byte[] callerUtf8;
    private final Map<String, String> headers;
    /** Bytes of {@code header_count} and every name/value pair on the wire. */
    private final int headerWireSize;

    private CallMeta(String caller, byte[] callerUtf8, Map<String, String> headers, int headerWireSize) {
        this.caller = caller;
        this.callerUtf8 = callerUtf8;
        this.headers = headers;
        this.headerWireSize = headerWireSize;
    }

    /**
     * @param caller  the caller's client name; null or empty for none
     * @param headers header names and values, kept in this order; null for none
     * @throws IllegalArgumentException naming the rule broken: caller or a header name over 255 UTF-8 bytes, an
     *         empty header name, a null value or one over 65535 UTF-8 bytes, more than 255 headers
     */
    public static CallMeta of(String caller, Map<String, String> headers) {
        String name = caller == null ? "" : caller;
        if (!name.isEmpty()) {
            Names.check(name, "caller name");
        }
        byte[] nameUtf8 = name.getBytes(StandardCharsets.UTF_8);
        if (headers == null || headers.isEmpty()) {
            return nameUtf8.length == 0 ? NONE : new CallMeta(name, nameUtf8, Map.of(), 1);
        }
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException(headers.size() + " headers; the most is " + MAX_HEADERS);
        }
        Map<String, String> copy = new LinkedHashMap<>(headers.size() * 2);
        int size = 1;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            size += 1 + nameBytes(header.getKey()) + 2 + valueBytes(header.getKey(), header.getValue());
            copy.put(header.getKey(), header.getValue());
        }
        return new CallMeta(name, nameUtf8, Collections.unmodifiableMap(copy), size);
    }

    /** Just a caller, no headers: what the server encodes once per connection. */
    public static CallMeta caller(String caller) {
        return of(caller, null);
    }

    /** Just headers, as a caller sends them. */
    public static CallMeta headers(Map<String, String> headers) {
        return of(null, headers);
    }

    /**
     * This caller with {@code other}'s headers; {@code other}'s caller is dropped. No new checks and no copy:
     * both parts were checked already. The server's forwarding step.
     */
    public CallMeta withHeadersOf(CallMeta other) {
        if (other.headers.isEmpty()) {
            return headers.isEmpty() ? this : new CallMeta(caller, callerUtf8, Map.of(), 1);
        }
        return new CallMeta(caller, callerUtf8, other.headers, other.headerWireSize);
    }

    /** Checks one header the way {@link #of} does. */
    public static void checkHeader(String name, String value) {
        nameBytes(name);
        valueBytes(name, value);
    }

    /** The caller's client name, as the server reports it; empty when there is none. */
    public String caller() {
        return caller;
    }

    /** The caller's name in UTF-8, encoded once. Not a copy: do not change it. */
    public byte[] callerUtf8() {
        return callerUtf8;
    }

    /** The headers, unmodifiable, in the order they travel; empty when there are none. */
    public Map<String, String> headers() {
        return headers;
    }

    /** True when there is nothing to say: such a DELIVER goes without META, byte for byte as before META. */
    public boolean isEmpty() {
        return callerUtf8.length == 0 && headers.isEmpty();
    }

    /** Bytes the META part takes in a binary DELIVER: caller, header count, headers. */
    public int wireSize() {
        return 1 + callerUtf8.length + headerWireSize;
    }

    private static int nameBytes(String name) {
        Names.check(name, name == null || name.isEmpty() ? "a header name" : "header name");
        return ByteBufUtil.utf8Bytes(name);
    }

    private static int valueBytes(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("header '" + abbreviate(name) + "' has no value (null)");
        }
        int bytes = ByteBufUtil.utf8Bytes(value);
        if (bytes > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("the value of header '" + abbreviate(name) + "' is " + bytes
                    + " UTF-8 bytes; the most is " + MAX_VALUE_BYTES);
        }
        return bytes;
    }

    private static String abbreviate(String s) {
        return Names.abbreviate(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallMeta other && caller.equals(other.caller) && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caller, headers);
    }

    @Override
    public String toString() {
        return "CallMeta[caller=" + caller + ", headers=" + headers.keySet() + "]";
    }
}
