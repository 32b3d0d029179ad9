package io.switchboard.jca.adapter.inbound;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The container's work manager, stood in for by a thread pool: scheduleWork runs the work on a pool thread. */
final class TestWorkManager implements WorkManager {

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-work-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** Reject every work from now on, as a container shutting down would. */
    volatile boolean rejectAll;

    @Override
    public void doWork(Work work) throws WorkException {
        throw new UnsupportedOperationException("the adapter only schedules work");
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener) throws WorkException {
        doWork(work);
    }

    @Override
    public long startWork(Work work) throws WorkException {
        throw new UnsupportedOperationException("the adapter only schedules work");
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener)
            throws WorkException {
        return startWork(work);
    }

    @Override
    public void scheduleWork(Work work) throws WorkException {
        scheduleWork(work, INDEFINITE, null, null);
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext ctx, WorkListener listener)
            throws WorkException {
        if (rejectAll) {
            throw new WorkRejectedException("the test work manager rejects all work");
        }
        try {
            threads.execute(() -> {
                if (listener != null) {
                    listener.workStarted(new WorkEvent(this, WorkEvent.WORK_STARTED, work, null));
                }
                work.run();
                if (listener != null) {
                    listener.workCompleted(new WorkEvent(this, WorkEvent.WORK_COMPLETED, work, null));
                }
            });
        } catch (RejectedExecutionException e) {
            throw new WorkRejectedException(e);
        }
    }

    void shutdown() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
