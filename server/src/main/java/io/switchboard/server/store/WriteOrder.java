package io.switchboard.server.store;

import java.util.Comparator;
import java.util.List;

/**
 * Which writes of a batch the {@link GroupCommitWriter} may run in another order than they were queued in, so that
 * writes with the same statement run together as one JDBC batch (one round trip on PostgreSQL).
 *
 * <p>A write with a rank of {@link #IN_ORDER} is a barrier: it runs exactly where it was queued. Between barriers,
 * the writes with a rank run in rank order, and in queue order within a rank. A statement may get a rank only if
 * moving it so is invisible: the ticket writes are (a ticket's insert, rank 0, creates a new row, and the
 * outcome's update, rank 1, touches only a row inserted before it, so inserts first keeps every update after its
 * insert, and two updates of one ticket keep their order).
 */
final class WriteOrder {

    /** Runs where it was queued. */
    static final int IN_ORDER = -1;

    private static final Comparator<PendingWrite<?>> BY_RANK = Comparator.comparingInt(PendingWrite::rank);

    private WriteOrder() {}

    /** Puts each run of ranked writes of {@code batch} in rank order (a stable sort: queue order within a rank). */
    static void arrange(List<PendingWrite<?>> batch) {
        int n = batch.size();
        int i = 0;
        while (i < n) {
            if (batch.get(i).rank() == IN_ORDER) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && batch.get(end).rank() != IN_ORDER) {
                end++;
            }
            if (end - i > 1) {
                batch.subList(i, end).sort(BY_RANK);
            }
            i = end;
        }
    }
}
