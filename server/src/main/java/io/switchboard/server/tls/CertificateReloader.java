package io.switchboard.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.switchboard.server.logging.LogId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's current {@link SslContext}, rebuilt from its files on request. New connections take the current
 * context; established ones keep the engine they were made with, so a reload drops nothing. A reload with files
 * that do not pass the checks keeps the current context and logs why.
 */
public final class CertificateReloader {

    private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

    private final String where;
    private final TlsSettings settings;
    private volatile SslContext context;
    private volatile String description;
    /** What the files looked like at the last (attempted) load: modification time, size and identity of each. */
    private String stamp;

    private CertificateReloader(String where, TlsSettings settings) {
        this.where = where;
        this.settings = settings;
    }

    /**
     * Reads, checks and builds the first context.
     *
     * @param where the listener, for the log: "client port", "front door 'chat'"
     * @throws TlsFileException naming the file and what is wrong with it
     */
    public static CertificateReloader load(String where, TlsSettings settings) throws TlsFileException {
        CertificateReloader reloader = new CertificateReloader(where, settings);
        reloader.stamp = reloader.stampNow();
        reloader.install(reloader.build());
        log.info(
                "{} TLS on {}: certificate {}{}, {} and newer",
                LogId.TLS_CERTIFICATE,
                where,
                reloader.description,
                settings.mutual()
                        ? ", client certificates required (CA "
                                + settings.clientCaFile().get() + ")"
                        : "",
                settings.minVersion());
        return reloader;
    }

    /** A handler for a new connection, from the current context; it goes first in the pipeline. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    public SslContext current() {
        return context;
    }

    public TlsSettings settings() {
        return settings;
    }

    /** Rebuilds the context from the files now; false (current context kept, error logged) when they are bad. */
    public synchronized boolean reload(String why) {
        stamp = stampNow();
        try {
            install(build());
        } catch (TlsFileException e) {
            log.error(
                    "{} TLS reload on {} ({}) failed, keeping the current certificate: {}",
                    LogId.TLS_RELOAD_FAILED,
                    where,
                    why,
                    e.getMessage());
            return false;
        }
        log.info(
                "{} TLS on {} reloaded ({}): certificate {}; new connections use it",
                LogId.TLS_RELOADED,
                where,
                why,
                description);
        return true;
    }

    /** Reloads when a file changed (modification time, size or identity) since the last look; else nothing. */
    public synchronized void reloadIfChanged() {
        if (!stampNow().equals(stamp)) {
            reload("files changed");
        }
    }

    private SslContext build() throws TlsFileException {
        PemMaterial material = PemMaterial.load(settings);
        try {
            SslContext built = TlsContexts.server(settings, material);
            description = material.describe();
            return built;
        } catch (SSLException | RuntimeException e) {
            throw new TlsFileException(
                    "tls-cert", settings.certFile(), "cannot be used for TLS (" + e.getMessage() + ")");
        }
    }

    private void install(SslContext built) {
        this.context = built;
    }

    private String stampNow() {
        List<Path> files = new ArrayList<>(List.of(settings.certFile(), settings.keyFile()));
        settings.clientCaFile().ifPresent(files::add);
        StringBuilder s = new StringBuilder();
        for (Path file : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                s.append(a.lastModifiedTime().toMillis())
                        .append('/')
                        .append(a.size())
                        .append('/')
                        .append(a.fileKey())
                        .append(';');
            } catch (IOException e) {
                s.append("missing;");
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "TLS on " + where;
    }
}
