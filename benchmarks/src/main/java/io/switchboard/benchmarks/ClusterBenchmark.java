package io.switchboard.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code benchmarks/run cluster}: (1) the rpc workload with the caller on node-a and the publisher on node-b of a
 * two-node cluster, against the same workload with both on node-a, measured side by side ({@link AbbaRuns}) on the
 * same two server JVMs; (2) failover on a three-node cluster ({@link ClusterFailover}). Every node is its own server
 * JVM; the store is an embedded PostgreSQL (clustering needs it).
 */
final class ClusterBenchmark {

    static final String USAGE = "benchmarks/run cluster [--calls=N] [--warmup-calls=N] [--window=N]"
            + " [--warmup-seconds=N] [--payload-bytes=N] [--rounds=N] [--slice-seconds=N]"
            + " [--failover-callers=N] [--failover-before-seconds=N] [--failover-after-seconds=N]";

    private ClusterBenchmark() {}

    static int run(String[] args, Path logDir) throws Exception {
        List<String> rpcArgs = new ArrayList<>();
        int callers = 4;
        int beforeSeconds = 3;
        int afterSeconds = 6;
        for (String arg : args) {
            if (arg.startsWith("--failover-callers=")) {
                callers = positive(arg);
            } else if (arg.startsWith("--failover-before-seconds=")) {
                beforeSeconds = positive(arg);
            } else if (arg.startsWith("--failover-after-seconds=")) {
                afterSeconds = positive(arg);
            } else {
                rpcArgs.add(arg);
            }
        }
        RpcSettings settings;
        try {
            settings = RpcSettings.fromArgs(rpcArgs.toArray(new String[0]));
            if (settings.tls() || settings.auth() || settings.metrics() || settings.compression()) {
                throw new IllegalArgumentException(
                        "--tls, --auth, --metrics and --compression are rpc's, not cluster's");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE);
            return 2;
        }
        System.out.printf(
                Locale.ROOT,
                "# cluster: %d-byte payload, loopback, every node its own server JVM, store: embedded PostgreSQL;"
                        + " logs in %s%n",
                settings.payloadBytes(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());
        System.out.println("# cross-node (caller on node-a, publisher on node-b) against single-node (both on node-a),"
                + " same two nodes, measured side by side: " + RpcSide.describeSlices(settings));
        byte[] body = SwitchboardSystem.cborByteString(Math.min(257, Math.max(2, settings.payloadBytes())));
        if (settings.payloadBytes() > 257) {
            body = SwitchboardSystem.cborText(settings.payloadBytes());
        }
        boolean met = true;
        String run = "bench" + ProcessHandle.current().pid();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(logDir.resolve("postgres-data")))
                .setCleanDataDirectory(true)
                .start()) {
            try (ClusterNodes pair = ClusterNodes.start(postgres, run + "-pair", 2, logDir)) {
                System.out.println("# " + pair.describe());
                try (RpcSide cross = RpcSide.of(
                                "switchboard cross-node",
                                settings,
                                ClusterSystem.start("cross-node", pair, 0, 1, "bench-cross", body),
                                body);
                        RpcSide single = RpcSide.of(
                                "switchboard single-node",
                                settings,
                                ClusterSystem.start("single-node", pair, 0, 0, "bench-single", body),
                                body)) {
                    AbbaRuns.Outcome outcome = AbbaRuns.measure(cross, single, settings.rounds());
                    cross.report(outcome.resultsA());
                    single.report(outcome.resultsB());
                    met &= AbbaRuns.reportP50(outcome, "cross/single", 1.8);
                    met &= AbbaRuns.reportThroughput(outcome, "cross/single", 0.6);
                }
            }
            try (ClusterNodes trio = ClusterNodes.start(postgres, run + "-failover", 3, logDir)) {
                System.out.println("# " + trio.describe());
                met &= ClusterFailover.measure(
                        trio, callers, Duration.ofSeconds(beforeSeconds), Duration.ofSeconds(afterSeconds), body);
            }
        }
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return met ? 0 : 1;
    }

    private static int positive(String arg) {
        String value = arg.substring(arg.indexOf('=') + 1);
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(arg + ": expected a positive number");
    }
}
