package io.switchboard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The 1-minute load average and the core count when a round was measured. Printed for the record and for scripts,
 * but it flags nothing: the benchmark's own processes keep it above the core count of a 2-core machine, so it cannot
 * tell a disturbed round from a quiet one ({@link OtherWork} does).
 */
record MachineLoad(double oneMinute, int cores) {

    /** This machine now; {@link Double#NaN} as the load where /proc/loadavg cannot be read. */
    static MachineLoad now() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            return parse(Files.readString(Path.of("/proc/loadavg")), cores);
        } catch (IOException | RuntimeException e) {
            return new MachineLoad(Double.NaN, cores);
        }
    }

    /** From the text of /proc/loadavg ({@code "0.52 0.61 0.70 2/250 1234"}). */
    static MachineLoad parse(String loadavg, int cores) {
        String[] fields = loadavg.trim().split("\\s+");
        try {
            return new MachineLoad(Double.parseDouble(fields[0]), cores);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a load average: " + loadavg, e);
        }
    }

    /** The heavier of two readings (a round's slices each read the load). */
    static MachineLoad heavier(MachineLoad a, MachineLoad b) {
        if (Double.isNaN(a.oneMinute)) {
            return b;
        }
        return Double.isNaN(b.oneMinute) || a.oneMinute >= b.oneMinute ? a : b;
    }

    /** {@code load=1.23 cores=2}, or {@code load=unknown cores=2}. */
    String describe() {
        String load = Double.isNaN(oneMinute) ? "unknown" : String.format(Locale.ROOT, "%.2f", oneMinute);
        return "load=" + load + " cores=" + cores;
    }
}
