package io.switchboard.benchmarks;

import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.Publication;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Switchboard: the server in its own JVM ({@link SwitchboardServerProcess}), and in this JVM two client
 * connections: a publisher whose handler echoes the request bytes on the I/O thread (direct executor), and a
 * caller. Both negotiate CBOR and pass payloads as {@link RawPayload}, so neither side runs Jackson per call and
 * the server forwards the bytes untouched.
 */
public final class SwitchboardSystem implements RpcSystem {

    /** The echo session: what callers call. */
    public static final String ALIAS = "bench";

    public static final String METHOD = "echo";
    private static final Codec CODEC = Codec.CBOR;
    private static final Executor DIRECT = Runnable::run;

    private final SwitchboardServerProcess server;
    private final SwitchboardClient publisher;
    private final SwitchboardClient caller;
    private final byte[] requestBody;

    private SwitchboardSystem(
            SwitchboardServerProcess server,
            SwitchboardClient publisher,
            SwitchboardClient caller,
            byte[] requestBody) {
        this.server = server;
        this.publisher = publisher;
        this.caller = caller;
        this.requestBody = requestBody;
    }

    public static SwitchboardSystem start(int payloadBytes, Path logDir) throws Exception {
        return start(payloadBytes, false, logDir);
    }

    /**
     * @param compression the server started with {@code --compression=deflate} and both clients offering it, at the
     *     default threshold (1024 bytes)
     */
    public static SwitchboardSystem start(int payloadBytes, boolean compression, Path logDir) throws Exception {
        return start(payloadBytes, compression, RpcSecurity.none(), logDir);
    }

    /** As {@link #start(int, boolean, Path)}, with the server and both clients secured by {@code security}. */
    static SwitchboardSystem start(int payloadBytes, boolean compression, RpcSecurity security, Path logDir)
            throws Exception {
        return start(payloadBytes, compression, security, List.of(), logDir);
    }

    /** As {@link #start(int, boolean, RpcSecurity, Path)}, with more server flags (e.g. {@code --metrics=false}). */
    static SwitchboardSystem start(
            int payloadBytes, boolean compression, RpcSecurity security, List<String> moreServerArgs, Path logDir)
            throws Exception {
        List<String> serverArgs = new ArrayList<>(security.switchboardServerArgs());
        serverArgs.addAll(moreServerArgs);
        if (compression) {
            serverArgs.add("--compression=deflate");
        }
        SwitchboardServerProcess server = SwitchboardServerProcess.start(logDir, serverArgs);
        SwitchboardClient publisher = null;
        SwitchboardClient caller = null;
        try {
            publisher = SwitchboardClient.connect(security.switchboardClient(
                            options(server.url(), "bench-publisher").compression(compression), RpcSecurity.PUBLISHER)
                    .build());
            Publication publication =
                    publisher.publish(ALIAS, List.of(METHOD), call -> RawPayload.of(call.payload()), DIRECT);
            caller = SwitchboardClient.connect(security.switchboardClient(
                            options(server.url(), "bench-caller").compression(compression), RpcSecurity.CALLER)
                    .build());
            byte[] body = payloadBytes <= 257 ? cborByteString(payloadBytes) : cborText(payloadBytes);
            awaitRoutable(caller, body, Duration.ofSeconds(10));
            return new SwitchboardSystem(server, publisher, caller, body);
        } catch (Exception | Error e) {
            closeQuietly(caller);
            closeQuietly(publisher);
            server.close();
            throw e;
        }
    }

    /** A benchmark client: CBOR, 10 s call timeout, 5 s connect timeout. */
    public static ClientOptions clientOptions(String url, String name) {
        return options(url, name).build();
    }

    private static ClientOptions.Builder options(String url, String name) {
        return ClientOptions.builder()
                .url(url)
                .clientName(name)
                .codec(CODEC)
                .callTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(5));
    }

    /**
     * One CBOR document of exactly {@code size} bytes (more than 257): a text string (major type 3, four-byte
     * length) of JSON-like order lines, which compress about as well as typical documents do.
     */
    public static byte[] cborText(int size) {
        byte[] doc = new byte[size];
        doc[0] = 0x7A; // text string, length in the next four bytes
        int length = size - 5;
        doc[1] = (byte) (length >>> 24);
        doc[2] = (byte) (length >>> 16);
        doc[3] = (byte) (length >>> 8);
        doc[4] = (byte) length;
        StringBuilder text = new StringBuilder(length + 64);
        for (int i = 0; text.length() < length; i++) {
            text.append("{\"order\":")
                    .append(100_000 + i)
                    .append(",\"sku\":\"A-")
                    .append(i % 97);
            text.append("\",\"qty\":").append(i % 13).append(",\"state\":\"reserved\"},");
        }
        byte[] ascii = text.substring(0, length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, doc, 5, length);
        return doc;
    }

    /**
     * One CBOR document of exactly {@code size} bytes: a byte string (major type 2) with a one-byte length,
     * so the wire carries the same payload size as the raw NATS body.
     */
    public static byte[] cborByteString(int size) {
        if (size < 2 || size - 2 > 0xFF) {
            throw new IllegalArgumentException("payload size must be 2..257 bytes for a one-byte-length CBOR string");
        }
        byte[] doc = new byte[size];
        doc[0] = 0x58; // byte string, length in the next byte
        doc[1] = (byte) (size - 2);
        for (int i = 2; i < size; i++) {
            doc[i] = (byte) i;
        }
        return doc;
    }

    /** The publication is routable once a call no longer answers no-such-session. */
    private static void awaitRoutable(SwitchboardClient caller, byte[] body, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                caller.call(ALIAS, METHOD, RawPayload.of(body), RawPayload.class, Duration.ofSeconds(5));
                return;
            } catch (CallException e) {
                if (e.code() != ResultCode.NO_SUCH_SESSION || System.nanoTime() - end > 0) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    public String describe() {
        byte[] deflated = new io.switchboard.protocol.codec.Deflate().compress(requestBody);
        return "switchboard: " + server.describe() + ", publisher and caller are two connections in this JVM, codec "
                + CODEC.wireName() + ", payload RawPayload of a "
                + requestBody.length + "-byte CBOR " + (requestBody.length <= 257 ? "byte" : "text")
                + " string (deflate would make it " + (deflated == null ? "no smaller" : deflated.length + " bytes")
                + "), echo handler on a direct executor";
    }

    byte[] requestBody() {
        return requestBody;
    }

    @Override
    public String name() {
        return "switchboard";
    }

    @Override
    public byte[] call(byte[] body, Duration timeout) {
        return caller.call(ALIAS, METHOD, RawPayload.of(body), RawPayload.class, timeout)
                .bytes();
    }

    @Override
    public void ping(Duration timeout) {
        caller.ping();
    }

    /** The server's {@code tcp://} URL on loopback. */
    public String url() {
        return server.url();
    }

    @Override
    public Duration serverCpuTime() {
        return server.cpuTime();
    }

    @Override
    public CompletableFuture<?> callAsync(byte[] body, Duration timeout) {
        return caller.callAsync(ALIAS, METHOD, RawPayload.of(body), RawPayload.class, timeout);
    }

    @Override
    public void close() {
        try {
            closeQuietly(caller);
            closeQuietly(publisher);
        } finally {
            server.close();
        }
    }

    private static void closeQuietly(SwitchboardClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // Closing at the end of a run; the server process is stopped next anyway.
        }
    }
}
