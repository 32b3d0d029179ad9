package io.switchboard.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * How much CPU the machine spent on work that is not the benchmark's while a slice or round ran, in cores (0.5 = half
 * of one cpu busy with it on average); {@link Double#NaN} when /proc could not tell. The load average cannot say
 * this: the benchmark's own processes (server, benchmark JVM, nats-server, floor relay) keep it above 2 on a 2-core
 * machine, so it rises the same whether another build runs or not.
 */
record OtherWork(double cores) {

    /**
     * Above this the round is flagged: a quarter of a core is an eighth of a 2-core machine, which a build or a test
     * JVM next to the run easily takes (a compiling Maven uses a whole core), while an otherwise quiet machine's
     * daemons and kernel threads, plus the tick rounding of /proc (at most a few 10 ms ticks per process over a
     * slice of seconds), stay well below 0.1.
     */
    static final double DISTURBED_ABOVE_CORES = 0.25;

    static final OtherWork UNKNOWN = new OtherWork(Double.NaN);

    boolean known() {
        return !Double.isNaN(cores);
    }

    /** Whether other work took more than {@link #DISTURBED_ABOVE_CORES}; never when unknown. */
    boolean disturbed() {
        return known() && cores > DISTURBED_ABOVE_CORES;
    }

    /** The mean of the known readings (a round's slices); unknown when none is known. */
    static OtherWork mean(List<OtherWork> readings) {
        return readings.stream().filter(OtherWork::known).mapToDouble(OtherWork::cores).average().stream()
                .mapToObj(OtherWork::new)
                .findFirst()
                .orElse(UNKNOWN);
    }

    /** {@code other_cpu=0.07}, {@code other_cpu=unknown}, and the flag when disturbed. */
    String describe() {
        if (!known()) {
            return "other_cpu=unknown";
        }
        String text = String.format(Locale.ROOT, "other_cpu=%.2f", cores);
        return disturbed() ? text + String.format(Locale.ROOT, " DISTURBED (other work used %.2f cores)", cores) : text;
    }
}
