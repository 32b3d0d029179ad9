package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.Spread;
import io.switchboard.benchmarks.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The broadcast on the Switchboard server against the raw Netty floor under it ({@code --floor}): blocks of rounds
 * on each, taking turns (S F, F S, S F, …, {@code repeat} pairs), each block on a fresh server JVM with its lines
 * opened anew, since the open-files limit leaves room for one server's lines at a time. A slow spell of the machine
 * then weighs on both sides of a pair alike, and the ratio of a pair's blocks is steadier than either figure.
 */
final class FloorComparison {

    private FloorComparison() {}

    static int run(Path logDir, int lines, UsersTransport usersTransport, FrontDoorSettings settings) throws Exception {
        List<long[]> switchboard = new ArrayList<>();
        List<long[]> floor = new ArrayList<>();
        int status = 0;
        for (int pair = 0; pair < settings.repeat(); pair++) {
            boolean switchboardFirst = pair % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean switchboardNow = switchboardFirst == (turn == 0);
                List<long[]> blocks = switchboardNow ? switchboard : floor;
                Path blockLogs = logDir.resolve("block-" + (pair * 2 + turn + 1));
                try (BroadcastServer server = switchboardNow
                                ? SwitchboardDoor.start(blockLogs, UsersProtocol.TCP, lines)
                                : FloorDoor.start(blockLogs);
                        IdleLines users = new IdleLines(
                                usersTransport, settings.usersPollMicros(), UsersProtocol.TCP, settings.ioThreads())) {
                    System.out.println("# " + server.describe());
                    FrontDoorBenchmark.openLines(server, users, lines);
                    BroadcastRounds rounds = new BroadcastRounds(server, users, lines);
                    rounds.warmUp(settings.warmupRounds());
                    long[] nanos = rounds.measure(settings.rounds());
                    blocks.add(nanos);
                    System.out.println(FrontDoorBenchmark.fanOutLine(
                                    "block " + blocks.size() + "/" + settings.repeat() + " " + server.name()
                                            + " broadcast fan-out",
                                    lines,
                                    Stats.of(nanos))
                            + " load " + Machine.loadAverage());
                    status |= FrontDoorBenchmark.usersStillThere(users, lines);
                }
            }
        }
        BroadcastBlocks onSwitchboard = new BroadcastBlocks(concat(switchboard), settings.rounds());
        BroadcastBlocks onFloor = new BroadcastBlocks(concat(floor), settings.rounds());
        System.out.println(onSwitchboard.medianLine(lines));
        System.out.println("floor " + onFloor.medianLine(lines));
        System.out.println(ratioLine(onSwitchboard, onFloor));
        System.out.println(onSwitchboard.targetLine(lines));
        return status;
    }

    /**
     * {@code ratio switchboard/floor per pair of blocks: p50=m (min-max) p99=m (min-max)}: each pair's Switchboard
     * block over its floor block, then the median of the pairs.
     */
    static String ratioLine(BroadcastBlocks switchboard, BroadcastBlocks floor) {
        return String.format(
                Locale.ROOT,
                "ratio switchboard/floor per pair of blocks: p50=%s p99=%s",
                Spread.ofRatios(switchboard.blockPercentiles(50), floor.blockPercentiles(50))
                        .format(2),
                Spread.ofRatios(switchboard.blockPercentiles(99), floor.blockPercentiles(99))
                        .format(2));
    }

    private static long[] concat(List<long[]> blocks) {
        long[] all = new long[blocks.stream().mapToInt(b -> b.length).sum()];
        int at = 0;
        for (long[] block : blocks) {
            System.arraycopy(block, 0, all, at, block.length);
            at += block.length;
        }
        return all;
    }
}
