package io.switchboard.server.store;

/**
 * Told about the store's writes as the writer thread commits them (docs/monitoring.md, "Metrics"). Called on the
 * writer thread only; must be quick and never block.
 */
public interface WriteObserver {

    /** A group commit of {@code writes} writes committed. */
    void batchCommitted(int writes);

    /** One write committed, {@code nanos} after it was submitted. */
    void written(long nanos);

    /** One write failed (it is answered with a {@link StoreException}). */
    void failed();

    /** Observes nothing. */
    WriteObserver NONE = new WriteObserver() {
        @Override
        public void batchCommitted(int writes) {}

        @Override
        public void written(long nanos) {}

        @Override
        public void failed() {}
    };
}
