package io.switchboard.benchmarks.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionLogTest {

    @TempDir
    Path baseDir;

    @Test
    void twoPhaseRunsNeedTheLogAndOthersMustNotHaveOne() throws IOException {
        EjbSettings twoPhase = EjbSettings.fromArgs(new String[] {"--tx=xa-2pc"});
        EjbSettings onePhase = EjbSettings.fromArgs(new String[] {"--tx=xa"});
        EjbSettings none = EjbSettings.fromArgs(new String[] {"--tx=none"});
        Files.createDirectories(baseDir.resolve("data/tx-object-store/ShadowNoFileLockStore/defaultStore"));

        assertThat(TransactionLog.written(baseDir)).isFalse();
        assertThat(TransactionLog.check(onePhase, baseDir)).contains("not written");
        assertThat(TransactionLog.check(none, baseDir)).contains("not written");
        assertThatThrownBy(() -> TransactionLog.check(twoPhase, baseDir))
                .hasMessageContaining("--tx=xa-2pc: Narayana's transaction log was not written");

        Files.createDirectories(baseDir.resolve(
                "data/tx-object-store/ShadowNoFileLockStore/defaultStore/StateManager/BasicAction/TwoPhaseCoordinator"
                        + "/AtomicAction"));

        assertThat(TransactionLog.written(baseDir)).isTrue();
        assertThat(TransactionLog.check(twoPhase, baseDir)).contains("was written (two-phase commits)");
        assertThatThrownBy(() -> TransactionLog.check(onePhase, baseDir))
                .hasMessageContaining("--tx=xa: Narayana's transaction log was written");
    }
}
