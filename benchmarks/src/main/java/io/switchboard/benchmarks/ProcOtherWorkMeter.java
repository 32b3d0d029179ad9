package io.switchboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link OtherWork} from Linux /proc: over a span, the machine's busy ticks (/proc/stat) minus the ticks of the
 * benchmark's own processes (/proc/&lt;pid&gt;/stat: this JVM and every process it started, i.e. the Switchboard
 * server, nats-server and the floor relay, each with the children it has waited for), as a share of all the
 * machine's ticks over the span times its cpu count. Where /proc/stat cannot be read the span is unknown.
 */
final class ProcOtherWorkMeter implements OtherWorkMeter {

    /** Reads one /proc file's text; a function so tests feed fixtures. */
    interface ProcFiles {
        String read(String path) throws IOException;
    }

    /** The machine's counters and each own process's ticks at one moment. */
    record Reading(ProcCpuTimes.MachineTicks machine, Map<Long, Long> ownTicks) {}

    private final ProcFiles files;
    private final Supplier<List<Long>> ownPids;

    ProcOtherWorkMeter(ProcFiles files, Supplier<List<Long>> ownPids) {
        this.files = files;
        this.ownPids = ownPids;
    }

    /** This JVM and all the processes it has started and that still run, read from the real /proc. */
    static ProcOtherWorkMeter forThisJvm() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcOtherWorkMeter(
                path -> Files.readString(Path.of(path)),
                () -> Stream.concat(Stream.of(self), self.descendants())
                        .map(ProcessHandle::pid)
                        .toList());
    }

    @Override
    public Span start() {
        Optional<Reading> before = read();
        return () -> {
            Optional<Reading> after = read();
            return before.isPresent() && after.isPresent() ? between(before.get(), after.get()) : OtherWork.UNKNOWN;
        };
    }

    /** The counters now; empty where /proc/stat cannot be read. A process that is gone by now is left out. */
    Optional<Reading> read() {
        ProcCpuTimes.MachineTicks machine;
        try {
            machine = ProcCpuTimes.machine(files.read("/proc/stat"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Map<Long, Long> own = new HashMap<>();
        for (long pid : ownPids.get()) {
            try {
                own.put(pid, ProcCpuTimes.process(files.read("/proc/" + pid + "/stat")));
            } catch (IOException | RuntimeException gone) {
                // Exited between listing and reading: its last ticks are lost, which can only overstate other work.
            }
        }
        return Optional.of(new Reading(machine, Map.copyOf(own)));
    }

    /**
     * The other work between two readings. A process first seen in {@code after} started during the span, so all its
     * ticks count as ours. Busy minus ours is clamped at 0: the files are read microseconds apart, and a process's
     * ticks are rounded independently of the machine's, so on a quiet machine the difference can dip below zero.
     */
    static OtherWork between(Reading before, Reading after) {
        long allTicks = after.machine().total() - before.machine().total();
        if (allTicks <= 0) {
            return OtherWork.UNKNOWN; // no tick went by: the span was too short to say anything
        }
        long busy = after.machine().busy() - before.machine().busy();
        long own = 0;
        for (Map.Entry<Long, Long> process : after.ownTicks().entrySet()) {
            own += process.getValue() - before.ownTicks().getOrDefault(process.getKey(), 0L);
        }
        long other = Math.max(0, busy - own);
        return new OtherWork((double) other / allTicks * after.machine().cpus());
    }

    /** For the run's header: what is counted as the benchmark's own. */
    String describe() {
        return "other_cpu: /proc/stat busy time minus that of the benchmark's own processes (pids " + ownPids.get()
                + ": this JVM and the servers it started), in cores; a round is DISTURBED above "
                + OtherWork.DISTURBED_ABOVE_CORES + " cores";
    }
}
