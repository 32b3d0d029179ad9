package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteOrderTest {

    private static PendingWrite<Void> write(String sql, int rank) {
        return new PendingWrite<>(sql, rank, s -> {}, count -> null);
    }

    private static List<String> arranged(List<PendingWrite<?>> batch) {
        List<PendingWrite<?>> copy = new ArrayList<>(batch);
        WriteOrder.arrange(copy);
        return copy.stream().map(PendingWrite::sql).toList();
    }

    @Test
    void rankedWritesRunInRankOrderAndQueueOrderWithinARank() {
        assertThat(arranged(List.of(write("u1", 2), write("i1", 0), write("f1", 1), write("u2", 2), write("i2", 0))))
                .containsExactly("i1", "i2", "f1", "u1", "u2");
    }

    @Test
    void unrankedWritesStayWhereTheyWereQueuedAndNothingCrossesThem() {
        assertThat(arranged(List.of(
                        write("u1", 2),
                        write("i1", 0),
                        write("delete", WriteOrder.IN_ORDER),
                        write("u2", 2),
                        write("i2", 0),
                        write("other", WriteOrder.IN_ORDER),
                        write("third", WriteOrder.IN_ORDER))))
                .containsExactly("i1", "u1", "delete", "i2", "u2", "other", "third");
    }

    @Test
    void aFoldedWriteRunsTheFoldsStatementAtTheFoldsRankOnceSealed() {
        PendingWrite<Void> insert = write("insert", 0);
        PendingWrite<Void> other = write("other insert", 0);
        assertThat(insert.fold("insert with outcome", 1, s -> {}, true)).isNotNull();
        assertThat(insert.fold("second", 1, s -> {}, true))
                .as("one fold per write")
                .isNull();
        insert.seal();
        other.seal();
        assertThat(other.fold("too late", 1, s -> {}, true)).as("sealed").isNull();
        assertThat(arranged(List.of(insert, other))).containsExactly("other insert", "insert with outcome");
    }

    @Test
    void aFoldCompletesAfterItsWriteAndFailsWithIt() {
        PendingWrite<Void> committed = write("insert", 0);
        var folded = committed.fold("insert with outcome", 1, s -> {}, true);
        java.util.concurrent.atomic.AtomicBoolean foldDoneFirst = new java.util.concurrent.atomic.AtomicBoolean();
        committed.future.whenComplete((v, e) -> foldDoneFirst.set(folded.isDone()));
        committed.seal();
        committed.complete();
        assertThat(folded).isCompletedWithValue(true);
        assertThat(foldDoneFirst).as("the fold completed before its write").isFalse();

        PendingWrite<Void> failed = write("insert", 0);
        var failedFold = failed.fold("insert with outcome", 1, s -> {}, true);
        failed.fail(new StoreException("no"));
        assertThat(failed.future).isCompletedExceptionally();
        assertThat(failedFold).isCompletedExceptionally();
    }
}
