package io.switchboard.arquillian.inbound;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How the container's transactions of the transacted test beans ended, per test key, as their synchronizations
 * heard it: the tests read them through a non-transacted bean method and compare them with what the caller got.
 */
public final class TransactionOutcomes {

    private static final Map<String, List<String>> OUTCOMES = new ConcurrentHashMap<>();

    private TransactionOutcomes() {}

    /** Records how the current transaction ends under {@code key}: {@code committed} or {@code rolled back}. */
    static void watch(TransactionSynchronizationRegistry registry, String key) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                OUTCOMES.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                        .add(status == Status.STATUS_COMMITTED ? "committed" : "rolled back");
            }
        });
    }

    static List<String> of(String key) {
        return List.copyOf(OUTCOMES.getOrDefault(key, List.of()));
    }
}
