package io.switchboard.benchmarks;

import io.switchboard.benchmarks.durable.DurableBenchmark;
import io.switchboard.benchmarks.ejb.EjbBenchmark;
import io.switchboard.benchmarks.frontdoor.FrontDoorBenchmark;
import io.switchboard.benchmarks.mdb.MdbBenchmark;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Entry point: {@code Main <workload> [--key=value ...]}. Workloads: {@code rpc}, Switchboard against NATS (when
 * nats-server is installed) side by side: both running, measured in alternating slices ({@link AbbaRuns}); {@code ejb}, the same call
 * from EJBs in WildFly through the resource adapter against a plain client ({@link EjbBenchmark}); {@code mdb},
 * the call into a message-driven bean published by the resource adapter ({@link MdbBenchmark}); {@code frontdoor},
 * many idle front-door users: server memory per line and broadcast fan-out ({@link FrontDoorBenchmark}); {@code floor},
 * a raw Netty relay with the server's transport and no protocol ({@link FloorBenchmark}), which {@code rpc} measures
 * too, in interleaved rounds with Switchboard and NATS ({@link InterleavedRounds}).
 */
public final class Main {

    static final String USAGE = "usage: benchmarks/run rpc [--calls=N] [--warmup-calls=N] [--window=N]"
            + " [--seconds=N] [--warmup-seconds=N] [--payload-bytes=N] [--compression=off|deflate] [--tls] [--auth]"
            + " [--metrics] [--rounds=N] [--slice-seconds=N] [--scrape-seconds=N] [--repeat=N]\n       "
            + FloorBenchmark.USAGE + "\n       "
            + EjbBenchmark.USAGE + "\n       "
            + MdbBenchmark.USAGE + "\n       " + FrontDoorBenchmark.USAGE + "\n       " + DurableBenchmark.USAGE
            + "\n       " + ClusterBenchmark.USAGE;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ejb")) {
            System.exit(EjbBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("mdb")) {
            System.exit(MdbBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("frontdoor")) {
            System.exit(FrontDoorBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("cluster")) {
            int code;
            try {
                code = ClusterBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.err.println("usage: " + ClusterBenchmark.USAGE);
                code = 2;
            }
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("floor")) {
            System.exit(FloorBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("durable")) {
            System.exit(DurableBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length == 0 || !args[0].equals("rpc")) {
            System.err.println(args.length == 0 ? "no workload given" : "unknown workload: " + args[0]);
            System.err.println(USAGE);
            System.exit(2);
        }
        RpcSettings settings;
        try {
            settings = RpcSettings.fromArgs(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.exit(runRpc(settings));
    }

    private static int runRpc(RpcSettings settings) throws Exception {
        Path logDir = newLogDir();
        System.out.printf(
                Locale.ROOT,
                "# rpc: %d-byte payload, loopback; latency: %d warm-up + %d measured sequential"
                        + " calls; throughput: %d in flight, %ds warm-up + %ds measured; logs in %s%n",
                settings.payloadBytes(),
                settings.warmupCalls(),
                settings.measuredCalls(),
                settings.window(),
                settings.throughputWarmup().toSeconds(),
                settings.throughputRun().toSeconds(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());

        RpcSecurity security = RpcSecurity.create(settings.tls(), settings.auth(), logDir.resolve("security"));
        System.out.println("# security: " + security.describe());
        if (security.auth() || settings.metrics()) {
            System.out.println("# --auth and --metrics run both systems at once, measured side by side: "
                    + RpcSide.describeSlices(settings));
        }
        RpcMetrics metrics = settings.metrics() ? RpcMetrics.on(settings.scrapeEvery()) : RpcMetrics.DEFAULT;
        if (settings.metrics()) {
            System.out.println("# metrics: " + metrics.describe() + ", against " + RpcMetrics.OFF.describe());
        }

        boolean failed = false;
        AbbaRuns.Outcome auth = null;
        if (security.auth()) {
            auth = sideBySide(
                    () -> RpcSide.switchboard(settings, new RpcSide.Setup("with-auth", security, metrics), logDir),
                    () -> RpcSide.switchboard(
                            settings, new RpcSide.Setup("without-auth", security.withoutAuth(), metrics), logDir));
            failed = auth == null;
        }
        AbbaRuns.Outcome measured = null;
        if (settings.metrics()) {
            measured = sideBySide(
                    () -> RpcSide.switchboard(settings, new RpcSide.Setup("with-metrics", security, metrics), logDir),
                    () -> RpcSide.switchboard(
                            settings, new RpcSide.Setup("without-metrics", security, RpcMetrics.OFF), logDir));
            failed |= measured == null;
        }

        Optional<Path> natsServer = NatsSystem.findServer();
        if (natsServer.isEmpty()) {
            System.out.println("nats skipped: nats-server is not on the PATH"
                    + " (install it with `apt-get install nats-server`) - no comparison made");
            System.out.println("# switchboard is still measured against the floor");
        }
        List<InterleavedRounds.Measured> rounds = interleaved(settings, natsServer, security, metrics, logDir);
        failed |= rounds == null;
        reportBaselines(auth, measured);
        if (rounds != null) {
            reportInterleaved(rounds, natsServer.isPresent());
        }
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return failed ? 1 : 0;
    }

    /**
     * Switchboard, NATS (when installed) and the floor, all running at once, measured in {@code --repeat}
     * interleaved rounds; null (the failure printed) when a side broke.
     */
    private static List<InterleavedRounds.Measured> interleaved(
            RpcSettings settings, Optional<Path> natsServer, RpcSecurity security, RpcMetrics metrics, Path logDir) {
        RpcSettings perRound = settings.withRounds(settings.repeat());
        System.out.println("# switchboard" + (natsServer.isPresent() ? ", nats" : "") + " and the floor: "
                + settings.repeat() + " interleaved rounds, each one slice per side forward and one backward"
                + " (S N F F N S); a slice is " + RpcSide.slicedCalls(perRound) + " sequential calls and "
                + settings.sliceRun().toSeconds() + " s of throughput after 1 s settling");
        List<RpcSide> sides = new ArrayList<>();
        try {
            String name = natsServer.isPresent() ? "beside-nats" : "beside-floor";
            sides.add(RpcSide.switchboard(perRound, new RpcSide.Setup(name, security, metrics), logDir));
            if (natsServer.isPresent()) {
                sides.add(RpcSide.nats(perRound, natsServer.get(), security, logDir));
            }
            if (security.tls() || security.auth()) {
                System.out.println("# floor: plain TCP, no users (it has no protocol); compare --tls and --auth runs"
                        + " against it knowing that");
            }
            sides.add(RpcSide.floor(perRound, logDir.resolve("floor")));
            ProcOtherWorkMeter otherWork = ProcOtherWorkMeter.forThisJvm();
            System.out.println("# " + otherWork.describe());
            return InterleavedRounds.measure(sides, settings.repeat(), MachineLoad::now, otherWork, System.out);
        } catch (Exception e) {
            System.out.println("comparison failed: " + e + " (server logs under the run's log directory)");
            e.printStackTrace();
            return null;
        } finally {
            for (RpcSide side : sides) {
                side.close();
            }
        }
    }

    /**
     * The pooled lines (as before the rounds: {@code switchboard beside-nats latency_us …}, {@code nats …}, the
     * NATS ratios and targets), then the floor's, then the medians over rounds and their ratios.
     */
    private static void reportInterleaved(List<InterleavedRounds.Measured> rounds, boolean withNats) {
        InterleavedRounds.Measured switchboard = rounds.get(0);
        InterleavedRounds.Measured floor = rounds.get(rounds.size() - 1);
        RpcSide.report(switchboard.label(), switchboard.pooled());
        if (withNats) {
            InterleavedRounds.Measured nats = rounds.get(1);
            RpcSide.report(nats.label(), nats.pooled());
            compare(new AbbaRuns.Outcome(switchboard.slices(), nats.slices()));
        } else {
            // The lines a Switchboard-alone run printed before the floor came.
            RpcResults alone = switchboard.pooled();
            System.out.printf(
                    Locale.ROOT,
                    "switchboard latency_us p50=%.1f p99=%.1f%n",
                    alone.latency().p50Micros(),
                    alone.latency().p99Micros());
            System.out.printf(
                    Locale.ROOT,
                    "switchboard throughput calls_per_s=%.0f%n",
                    alone.throughput().callsPerSecond());
        }
        RpcSide.report(floor.label(), floor.pooled());
        AbbaRuns.Outcome versusFloor = new AbbaRuns.Outcome(switchboard.slices(), floor.slices());
        System.out.printf(Locale.ROOT, "ratio p50 switchboard/floor=%.2f%n", versusFloor.p50Ratio());
        System.out.printf(
                Locale.ROOT,
                "ratio throughput switchboard/floor=%.2f (rounds %s)%n",
                versusFloor.throughputRatio(),
                AbbaRuns.rounded(versusFloor.roundThroughputRatios()));
        for (InterleavedRounds.Measured side : rounds) {
            System.out.println(InterleavedRounds.medianLine(side));
        }
        if (withNats) {
            InterleavedRounds.Measured nats = rounds.get(1);
            Issue18Targets.report(switchboard, nats, "nats", Issue18Targets.VERSUS_NATS);
        }
        Issue18Targets.report(switchboard, floor, "floor", Issue18Targets.VERSUS_FLOOR);
    }

    /** Opens one side of a comparison. */
    private interface SideOpener {
        RpcSide open() throws Exception;
    }

    /**
     * Starts both sides, then measures them side by side ({@link AbbaRuns}) and prints each side's figures; null
     * (the failure printed) when either broke, so the other comparisons still run.
     */
    private static AbbaRuns.Outcome sideBySide(SideOpener a, SideOpener b) {
        try (RpcSide sideA = a.open();
                RpcSide sideB = b.open()) {
            AbbaRuns.Outcome outcome = AbbaRuns.measure(sideA, sideB, sideA.rounds());
            sideA.report(outcome.resultsA());
            sideB.report(outcome.resultsB());
            return outcome;
        } catch (Exception e) {
            System.out.println("comparison failed: " + e + " (server logs under the run's log directory)");
            e.printStackTrace();
            return null;
        }
    }

    /** The --auth and --metrics ratios, each from its side-by-side slices. */
    private static void reportBaselines(AbbaRuns.Outcome auth, AbbaRuns.Outcome measured) {
        if (auth != null) {
            AbbaRuns.reportThroughput(auth, "switchboard auth/plain", 0.95);
        }
        if (measured != null) {
            // Issue 14's targets: throughput >= 0.97x and p50 <= 1.03x of metrics off.
            AbbaRuns.reportThroughput(measured, "switchboard metrics/off", 0.97);
            AbbaRuns.reportP50(measured, "switchboard metrics/off", 1.03);
        }
    }

    /** One directory per run, so a failed run's server logs survive the next run. */
    private static Path newLogDir() {
        return Path.of(System.getProperty("bench.logDir", "benchmarks/target/logs"))
                .resolve(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Switchboard (side A) against NATS (side B), measured side by side. */
    private static void compare(AbbaRuns.Outcome versusNats) {
        double p50Ratio = versusNats.p50Ratio();
        double throughputRatio = versusNats.throughputRatio();
        System.out.printf(Locale.ROOT, "ratio p50 switchboard/nats=%.2f%n", p50Ratio);
        System.out.printf(
                Locale.ROOT,
                "ratio throughput switchboard/nats=%.2f (rounds %s)%n",
                throughputRatio,
                AbbaRuns.rounded(versusNats.roundThroughputRatios()));
        System.out.printf(Locale.ROOT, "target p50 <= 0.6x nats: %s%n", p50Ratio <= 0.6 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT, "target throughput >= 2x nats: %s%n", throughputRatio >= 2.0 ? "met" : "NOT met");
    }
}
