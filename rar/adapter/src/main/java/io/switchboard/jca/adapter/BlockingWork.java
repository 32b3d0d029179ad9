package io.switchboard.jca.adapter;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few daemon threads for what must not run on a client I/O thread: telling the container a connection failed
 * (its listener destroys the connection, which closes a client and may block) and closing clients. The I/O
 * threads are shared by every pooled connection, so blocking one would stall them all.
 */
final class BlockingWork implements Executor {

    private static final Logger LOG = Logger.getLogger(BlockingWork.class.getName());
    private static final int THREADS = 2;
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final ThreadPoolExecutor executor;

    BlockingWork(String threadName) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread t = new Thread(task, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "background task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("adapter stopped; background task dropped");
        }
    }

    /** Lets queued work finish (bounded), then stops the threads. */
    void shutdown() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
