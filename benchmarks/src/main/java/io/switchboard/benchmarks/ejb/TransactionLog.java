package io.switchboard.benchmarks.ejb;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Narayana wrote its transaction log in a WildFly base directory: the directory of its atomic actions in the
 * default file object store appears with the first record, which Narayana writes only between the two phases of a
 * commit. The submit workload checks it after its runs, so {@code --tx=xa-2pc} cannot silently measure a one-phase
 * commit (and {@code xa} or {@code none} a two-phase one).
 */
final class TransactionLog {

    /** Relative to the base directory: WildFly's default object store (ShadowNoFileLockStore), atomic actions. */
    static final Path ATOMIC_ACTIONS = Path.of(
            "data",
            "tx-object-store",
            "ShadowNoFileLockStore",
            "defaultStore",
            "StateManager",
            "BasicAction",
            "TwoPhaseCoordinator",
            "AtomicAction");

    private TransactionLog() {}

    static boolean written(Path wildFlyBaseDir) {
        return Files.isDirectory(wildFlyBaseDir.resolve(ATOMIC_ACTIONS));
    }

    /**
     * Fails unless the log was written exactly when the run's transactions are two-phase ({@code --tx=xa-2pc}).
     *
     * @return a line for the report
     */
    static String check(EjbSettings settings, Path wildFlyBaseDir) {
        boolean twoPhase = SubmitWorkload.SUBMIT_TWO_PHASE.equals(settings.submitMode());
        boolean written = written(wildFlyBaseDir);
        if (written != twoPhase) {
            throw new IllegalStateException("--tx=" + settings.tx() + ": Narayana's transaction log was "
                    + (written ? "written" : "not written") + " (" + wildFlyBaseDir.resolve(ATOMIC_ACTIONS)
                    + "), so the commits were " + (written ? "two-phase" : "not two-phase")
                    + ", not what this mode measures");
        }
        return written
                ? "Narayana's transaction log was written (two-phase commits)"
                : "Narayana's transaction log was not written (no two-phase commit)";
    }
}
