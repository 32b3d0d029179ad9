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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Switchboard: the server in its own JVM (same class path, started like a deployment would start it), and in
 * this JVM two client connections: a publisher whose handler echoes the request bytes on the I/O thread
 * (direct executor), and a caller. Both negotiate CBOR and pass payloads as {@link RawPayload}, so neither
 * side runs Jackson per call and the server forwards the bytes untouched.
 */
public final class SwitchboardSystem implements RpcSystem {

    /** The server's own command-line entry point; {@link ServerLauncher} stands in when it does not exist. */
    static final String SERVER_MAIN = "io.switchboard.server.Main";
    static final String LOG_FILE = "switchboard-server.log";
    /** The echo session: what callers call. */
    public static final String ALIAS = "bench";
    public static final String METHOD = "echo";
    private static final Codec CODEC = Codec.CBOR;
    /** The benchmarks' logback configuration (INFO, stderr), for the {@link ServerLauncher} fallback. */
    private static final String LOG_CONFIG = "bench-logback.xml";
    private static final Executor DIRECT = Runnable::run;

    private final ExternalProcess server;
    private final String url;
    private final SwitchboardClient publisher;
    private final SwitchboardClient caller;
    private final byte[] requestBody;

    private SwitchboardSystem(ExternalProcess server, String url, SwitchboardClient publisher, SwitchboardClient caller,
                              byte[] requestBody) {
        this.server = server;
        this.url = url;
        this.publisher = publisher;
        this.caller = caller;
        this.requestBody = requestBody;
    }

    public static SwitchboardSystem start(int payloadBytes, Path logDir) throws Exception {
        int port = ExternalProcess.freePort();
        ExternalProcess server = ExternalProcess.start("switchboard-server", serverCommand(port), port,
                logDir.resolve(LOG_FILE), Duration.ofSeconds(30));
        SwitchboardClient publisher = null;
        SwitchboardClient caller = null;
        try {
            String url = "tcp://" + ExternalProcess.LOOPBACK + ":" + port;
            publisher = SwitchboardClient.connect(options(url, "bench-publisher"));
            Publication publication = publisher.publish(ALIAS, List.of(METHOD),
                    call -> RawPayload.of(call.payload()), DIRECT);
            caller = SwitchboardClient.connect(options(url, "bench-caller"));
            byte[] body = cborByteString(payloadBytes);
            awaitRoutable(caller, body, Duration.ofSeconds(10));
            return new SwitchboardSystem(server, url, publisher, caller, body);
        } catch (Exception | Error e) {
            closeQuietly(caller);
            closeQuietly(publisher);
            server.close();
            throw e;
        }
    }

    private static ClientOptions options(String url, String name) {
        return ClientOptions.builder().url(url).clientName(name).codec(CODEC)
                .callTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The server JVM: this JVM's java and class path, plus BENCH_SERVER_JAVA_OPTS (JVM options, e.g. a JFR
     * recording) and BENCH_SERVER_ARGS (server flags, e.g. --io-threads=1).
     */
    private static List<String> serverCommand(int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(words(System.getenv("BENCH_SERVER_JAVA_OPTS")));
        if (serverMainExists()) {
            // As deployed: the server's own launcher, with its bundled logging configuration.
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), SERVER_MAIN,
                    "--host", ExternalProcess.LOOPBACK, "--port", Integer.toString(port)));
            command.addAll(words(System.getenv("BENCH_SERVER_ARGS"))); // e.g. --io-threads=1 for experiments
        } else {
            command.addAll(List.of("-Dlogback.configurationFile=" + LOG_CONFIG, "-cp",
                    System.getProperty("java.class.path"), ServerLauncher.class.getName(), Integer.toString(port)));
        }
        return command;
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    private static boolean serverMainExists() {
        try {
            Class.forName(SERVER_MAIN, false, SwitchboardSystem.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * One CBOR document of exactly {@code size} bytes: a byte string (major type 2) with a one-byte length,
     * so the wire carries the same payload size as the raw NATS body.
     */
    static byte[] cborByteString(int size) {
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
        return "switchboard: server JVM pid " + server.pid() + " (" + (serverMainExists() ? SERVER_MAIN
                : ServerLauncher.class.getName()) + "), publisher and caller are"
                + " two connections in this JVM, codec " + CODEC.wireName() + ", payload RawPayload of a "
                + requestBody.length + "-byte CBOR byte string, echo handler on a direct executor";
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
        return caller.call(ALIAS, METHOD, RawPayload.of(body), RawPayload.class, timeout).bytes();
    }

    @Override
    public void ping(Duration timeout) {
        caller.ping();
    }

    /** The server's {@code tcp://} URL on loopback. */
    public String url() {
        return url;
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
