package io.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The median of a few rounds' figures and their spread (lowest and highest): one round cannot tell a 20% regression
 * from noise on a shared 2-core machine, the median of several interleaved rounds can, and the spread says how far
 * to trust it.
 */
public record Spread(double median, double min, double max, int count) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        for (double value : sorted) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("not a number among " + values);
            }
        }
        Collections.sort(sorted);
        int n = sorted.size();
        // An even count has two middle values: their mean.
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** Round by round, {@code numerators[i] / denominators[i]}: the ratios of two sides measured in the same rounds. */
    public static Spread ofRatios(List<Double> numerators, List<Double> denominators) {
        if (numerators.size() != denominators.size()) {
            throw new IllegalArgumentException(
                    numerators.size() + " rounds against " + denominators.size() + ": ratios need the same rounds");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return of(ratios);
    }

    /** {@code median (min-max)}, each with {@code decimals} places. */
    public String format(int decimals) {
        String number = "%." + decimals + "f";
        return String.format(Locale.ROOT, number + " (" + number + "-" + number + ")", median, min, max);
    }
}
