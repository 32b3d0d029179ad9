package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.Spread;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --mode=async --repeat=N}: the stores measured round by round in alternating order (S P, then P S, ...), so a
 * machine that drifts during the run weighs on both alike, and the rates collected per store for the median lines.
 */
final class StoreRounds {

    /** Issue 18's target for durable async calls, on every store. */
    static final double TARGET_PER_SECOND = 25_000;

    private final Map<String, List<Double>> rates = new LinkedHashMap<>();

    StoreRounds(List<String> stores) {
        for (String store : stores) {
            rates.put(store, new ArrayList<>());
        }
    }

    /** The stores in the order round {@code round} (1-based) measures them: as given, then reversed, and so on. */
    static List<String> order(List<String> stores, int round) {
        List<String> ordered = new ArrayList<>(stores);
        if (round % 2 == 0) {
            Collections.reverse(ordered);
        }
        return ordered;
    }

    void record(String store, double perSecond) {
        List<Double> storeRates = rates.get(store);
        if (storeRates == null) {
            throw new IllegalArgumentException("not a store of this run: " + store);
        }
        storeRates.add(perSecond);
    }

    /**
     * One {@code median} line and one {@code target median} line per store with at least one round, e.g. {@code median
     * sqlite durable_calls_per_s=27678 (20713-32205) (median (min-max) of 5 rounds)}.
     */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        rates.forEach((store, storeRates) -> {
            if (storeRates.isEmpty()) {
                return;
            }
            Spread spread = Spread.of(storeRates);
            lines.add(String.format(
                    Locale.ROOT,
                    "median %s durable_calls_per_s=%s (median (min-max) of %d rounds)",
                    store,
                    spread.format(0),
                    spread.count()));
            lines.add(String.format(
                    Locale.ROOT,
                    "target median %s >= %.0f durable calls/s (issue 18): %s",
                    store,
                    TARGET_PER_SECOND,
                    spread.median() >= TARGET_PER_SECOND ? "met" : "NOT met"));
        });
        return lines;
    }
}
