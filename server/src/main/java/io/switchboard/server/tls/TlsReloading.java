package io.switchboard.server.tls;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.server.logging.LogId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a server's {@link CertificateReloader}s current: polls their files every {@code checkMs} (0 = never) on one
 * small thread, and reloads them all on SIGHUP where the JVM lets us handle it. Close it with the server.
 */
public final class TlsReloading implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TlsReloading.class);

    private final List<CertificateReloader> reloaders;
    private final ScheduledExecutorService executor;

    private TlsReloading(List<CertificateReloader> reloaders, long checkMs) {
        this.reloaders = List.copyOf(reloaders);
        this.executor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("switchboard-tls", true));
        if (checkMs > 0) {
            executor.scheduleWithFixedDelay(this::checkFiles, checkMs, checkMs, TimeUnit.MILLISECONDS);
        }
        Sighup.add(this);
    }

    /** Starts watching {@code reloaders}; with none, nothing is started and closing is a no-op. */
    public static TlsReloading start(List<CertificateReloader> reloaders, long checkMs) {
        return reloaders.isEmpty() ? null : new TlsReloading(reloaders, checkMs);
    }

    /** Whether this JVM lets us handle SIGHUP (false before the first server with TLS started, or with -Xrs). */
    public static boolean sighupHandled() {
        return Sighup.handled;
    }

    /** Reloads every listener's TLS now (SIGHUP does this); true when all succeeded. */
    public boolean reloadAll(String why) {
        boolean ok = true;
        for (CertificateReloader reloader : reloaders) {
            ok &= reloader.reload(why);
        }
        return ok;
    }

    private void checkFiles() {
        for (CertificateReloader reloader : reloaders) {
            try {
                reloader.reloadIfChanged();
            } catch (RuntimeException e) {
                log.error("{} checking the TLS files of {} failed", LogId.TLS_CHECK_FAILED, reloader, e);
            }
        }
    }

    @Override
    public void close() {
        Sighup.remove(this);
        executor.shutdownNow();
    }

    /**
     * The process's one SIGHUP handler, installed the first time a server with TLS starts and never removed (a
     * handler cannot be put back reliably); it reloads every running server's TLS, off the signal thread.
     */
    private static final class Sighup {
        private static final Set<TlsReloading> RUNNING = new CopyOnWriteArraySet<>();
        private static boolean installed;
        private static volatile boolean handled;

        static synchronized void add(TlsReloading reloading) {
            RUNNING.add(reloading);
            if (!installed) {
                installed = true;
                try {
                    sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                        for (TlsReloading each : RUNNING) {
                            try {
                                each.executor.execute(() -> each.reloadAll("SIGHUP"));
                            } catch (java.util.concurrent.RejectedExecutionException closing) {
                                // that server is shutting down
                            }
                        }
                    });
                    if (previous == sun.misc.SignalHandler.SIG_IGN) {
                        // The JVM does not take over a shutdown signal the process was started ignoring (nohup):
                        // it answers as if it had, and our handler never runs.
                        log.warn(
                                "{} SIGHUP is ignored in this process (started with nohup or with SIGHUP ignored): it "
                                        + "cannot reload the TLS certificates; changed files are still picked up "
                                        + "every tls-reload-check-ms",
                                LogId.TLS_SIGHUP_IGNORED);
                        return;
                    }
                    handled = true;
                    log.info("SIGHUP reloads the TLS certificates");
                } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                    log.info(
                            "SIGHUP cannot be handled here ({}); TLS files are reloaded when they change",
                            e.toString());
                }
            }
        }

        static void remove(TlsReloading reloading) {
            RUNNING.remove(reloading);
        }
    }
}
