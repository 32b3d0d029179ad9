package io.switchboard.arquillian;

import io.switchboard.testsupport.EchoPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Calls to the sample on their own threads, so a test can have several in flight at once. */
final class ConcurrentCalls implements AutoCloseable {

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sample-caller");
        t.setDaemon(true);
        return t;
    });
    private final List<CompletableFuture<SampleApp.Reply>> started = new ArrayList<>();

    /** Starts {@code GET call/echo/hold?payload=...}: answered only when the publisher releases it. */
    CompletableFuture<SampleApp.Reply> hold(String payload) {
        CompletableFuture<SampleApp.Reply> reply =
                CompletableFuture.supplyAsync(() -> SampleApp.call(EchoPublisher.ALIAS, "hold", payload), threads);
        started.add(reply);
        return reply;
    }

    long done() {
        return started.stream().filter(CompletableFuture::isDone).count();
    }

    @Override
    public void close() {
        TestSwitchboard.get().publisher().releaseHeld();
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
