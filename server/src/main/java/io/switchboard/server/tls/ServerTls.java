package io.switchboard.server.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS of one server's listeners: the client port's and each front door's {@link CertificateReloader}, and the
 * {@link TlsReloading} that keeps them current. Loading checks every file first, so a bad one stops the start.
 */
public final class ServerTls implements AutoCloseable {

    private final CertificateReloader clientPort;
    private final Map<String, CertificateReloader> frontDoors;
    private final TlsReloading reloading;

    private ServerTls(
            CertificateReloader clientPort, Map<String, CertificateReloader> frontDoors, TlsReloading reloading) {
        this.clientPort = clientPort;
        this.frontDoors = frontDoors;
        this.reloading = reloading;
    }

    /**
     * @param frontDoors the settings of the front doors with TLS, by name
     * @param checkMs    how often the files are checked for changes; 0 = never (SIGHUP and {@link #reloadAll} still
     *                   reload)
     * @throws TlsFileException for the first file that cannot be used
     */
    public static ServerTls load(Optional<TlsSettings> clientPort, Map<String, TlsSettings> frontDoors, long checkMs)
            throws TlsFileException {
        List<CertificateReloader> all = new ArrayList<>();
        CertificateReloader port = null;
        if (clientPort.isPresent()) {
            port = CertificateReloader.load("the client port", clientPort.get());
            all.add(port);
        }
        Map<String, CertificateReloader> doors = new LinkedHashMap<>();
        for (Map.Entry<String, TlsSettings> door : frontDoors.entrySet()) {
            CertificateReloader reloader =
                    CertificateReloader.load("front door '" + door.getKey() + "'", door.getValue());
            doors.put(door.getKey(), reloader);
            all.add(reloader);
        }
        if (!all.isEmpty()) {
            TlsContexts.provider(); // logs the provider once, at start
        }
        return new ServerTls(port, doors, TlsReloading.start(all, checkMs));
    }

    /** The client port's TLS, or null for plain TCP. */
    public CertificateReloader clientPort() {
        return clientPort;
    }

    /** The front door's TLS, or null without. */
    public CertificateReloader frontDoor(String name) {
        return frontDoors.get(name);
    }

    /** Reloads every listener's TLS from its files now; true when all succeeded (a failed one keeps its old one). */
    public boolean reloadAll(String why) {
        return reloading == null || reloading.reloadAll(why);
    }

    @Override
    public void close() {
        if (reloading != null) {
            reloading.close();
        }
    }
}
