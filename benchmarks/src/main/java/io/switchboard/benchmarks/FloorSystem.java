package io.switchboard.benchmarks;

import io.switchboard.benchmarks.floor.FloorClients;
import io.switchboard.benchmarks.floor.FloorRelayMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The floor as an {@link RpcSystem}: the raw Netty relay ({@link io.switchboard.benchmarks.floor.FloorRelay}) in its
 * own JVM, started as the Switchboard server is (this JVM's java and class path, plus BENCH_SERVER_JAVA_OPTS, e.g.
 * {@code -Dswitchboard.transport=nio}), and its caller and echo ({@link FloorClients}) in this JVM. The same loops
 * as Switchboard and NATS run against it; what it measures is what the request path would cost with no protocol.
 */
final class FloorSystem implements RpcSystem {

    static final String LOG_FILE = "floor-relay.log";

    private final ExternalProcess relay;
    private final FloorClients clients;

    private FloorSystem(ExternalProcess relay, FloorClients clients) {
        this.relay = relay;
        this.clients = clients;
    }

    static FloorSystem start(Path logDir, int payloadBytes) throws Exception {
        int port = ExternalProcess.freePort();
        // Logging at INFO, as the server's stand-in launcher logs: the relay's log is then its one line.
        List<String> command = ExternalProcess.javaLikeTheServer(FloorRelayMain.class.getName());
        command.addAll(List.of(
                "--host=" + ExternalProcess.LOOPBACK,
                "--port=" + port,
                // The relay counts a call per payload from the caller, for io-spin-max-calls-per-second.
                "--payload-bytes=" + payloadBytes));
        command.addAll(serverIoFlags(System.getenv("BENCH_SERVER_ARGS")));
        ExternalProcess relay =
                ExternalProcess.start("floor-relay", command, port, logDir.resolve(LOG_FILE), Duration.ofSeconds(30));
        try {
            return new FloorSystem(relay, FloorClients.connect(ExternalProcess.LOOPBACK, port, Duration.ofSeconds(10)));
        } catch (Exception | Error e) {
            relay.close();
            throw e;
        }
    }

    /**
     * The I/O flags among the server's ({@code --io-threads}, {@code --io-spin-micros},
     * {@code --io-spin-max-calls-per-second}, each as {@code --flag=N}),
     * so the floor's event loops are set up as the server's are; its other flags mean nothing to a relay.
     */
    static List<String> serverIoFlags(String serverArgs) {
        List<String> flags = new ArrayList<>();
        if (serverArgs != null) {
            for (String word : serverArgs.trim().split("\\s+")) {
                if (word.startsWith("--io-threads=")
                        || word.startsWith("--io-spin-micros=")
                        || word.startsWith("--io-spin-max-calls-per-second=")) {
                    flags.add(word);
                }
            }
        }
        return flags;
    }

    /** Pid and transports, for the run's header (the relay's own settings are the first line of its log). */
    String describe() {
        return "relay JVM pid " + relay.pid() + " (" + FloorRelayMain.class.getSimpleName() + ", the server's"
                + " transport and I/O thread count, see " + relay.log() + "), clients " + FloorClients.transportName()
                + " with one I/O thread each";
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public byte[] call(byte[] body, Duration timeout) throws Exception {
        return clients.call(body).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public CompletableFuture<?> callAsync(byte[] body, Duration timeout) {
        return clients.call(body).orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The floor has no protocol, so no round trip to the relay alone. */
    @Override
    public void ping(Duration timeout) {
        throw new UnsupportedOperationException("the floor relay has no ping: it only forwards bytes");
    }

    @Override
    public Duration serverCpuTime() {
        return relay.cpuTime();
    }

    @Override
    public void close() {
        try {
            clients.close();
        } finally {
            relay.close();
        }
    }
}
