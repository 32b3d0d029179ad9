package io.switchboard.benchmarks;

import io.switchboard.benchmarks.InterleavedRounds.Figure;
import io.switchboard.benchmarks.InterleavedRounds.Measured;
import java.util.List;
import java.util.Locale;

/**
 * Issue 18's acceptance, judged on the medians of the rounds' ratios: against NATS p50 <= 0.45x, throughput >= 3x
 * and server CPU per call <= 0.25x; against the floor p50 <= 1.3x and throughput >= 0.7x.
 */
final class Issue18Targets {

    /** One bound on a median ratio: at most or at least {@code bound}. */
    record Target(Figure figure, boolean atMost, double bound) {

        boolean met(double ratio) {
            return atMost ? ratio <= bound : ratio >= bound;
        }

        String describe(String versus) {
            return String.format(Locale.ROOT, "%s %s %.2fx %s", figure.name, atMost ? "<=" : ">=", bound, versus);
        }
    }

    static final List<Target> VERSUS_NATS = List.of(
            new Target(Figure.P50, true, 0.45),
            new Target(Figure.THROUGHPUT, false, 3.0),
            new Target(Figure.SERVER_CPU, true, 0.25));

    static final List<Target> VERSUS_FLOOR =
            List.of(new Target(Figure.P50, true, 1.3), new Target(Figure.THROUGHPUT, false, 0.7));

    private Issue18Targets() {}

    /**
     * Prints {@code median ratio <figure> switchboard/<versus>=m (min-max)} for every figure, then each target's
     * {@code target median <figure> <= Nx <versus>: met|NOT met}.
     */
    static void report(Measured switchboard, Measured other, String versus, List<Target> targets) {
        for (Figure figure : Figure.values()) {
            System.out.println(InterleavedRounds.ratioLine(
                    figure, "switchboard/" + versus, InterleavedRounds.ratio(switchboard, other, figure)));
        }
        for (Target target : targets) {
            double median =
                    InterleavedRounds.ratio(switchboard, other, target.figure()).median();
            System.out.println("target median " + target.describe(versus) + " (issue 18): "
                    + (target.met(median) ? "met" : "NOT met"));
        }
    }
}
