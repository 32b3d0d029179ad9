package io.switchboard.it;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared helpers: servers on ephemeral ports, clients that reconnect quickly, polling with a deadline. */
final class Fixtures {

    /** Generous bound for anything the tests wait for; a loaded 2-core machine must never hit it. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private Fixtures() {}

    static ServerConfig.Builder serverConfig() {
        return ServerConfig.builder().host("127.0.0.1").port(0).shutdownGraceMs(2_000);
    }

    static String tcpUrl(SwitchboardServer server) {
        return "tcp://127.0.0.1:" + server.tcpPort();
    }

    static String unixUrl(SwitchboardServer server) {
        return "unix://" + server.unixSocketPath().orElseThrow().toAbsolutePath();
    }

    static ClientOptions.Builder clientOptions(String url, Codec codec) {
        return ClientOptions.builder()
                .url(url)
                .codec(codec)
                .clientName("it-" + codec.wireName())
                .callTimeout(PATIENCE)
                .connectTimeout(PATIENCE)
                .reconnectInitialBackoff(Duration.ofMillis(20))
                .reconnectMaxBackoff(Duration.ofMillis(200));
    }

    static SwitchboardClient client(String url, Codec codec) {
        return SwitchboardClient.connect(clientOptions(url, codec).build());
    }

    /** Polls {@code condition} every few ms until it holds; fails naming {@code what} after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    /** Closes quietly, for finally blocks. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort in teardown
                }
            }
        }
    }
}
