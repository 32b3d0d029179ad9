package io.switchboard.server.transport;

import io.switchboard.server.logging.LogId;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules for the file behind a unix socket listener. A socket left by a crashed server is replaced;
 * a socket some live server answers on, and anything that is not a socket, make the start fail: we never
 * take over another server's socket and never delete a file we did not make.
 */
public final class UnixSocketFile {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketFile.class);
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private UnixSocketFile() {}

    /** Makes {@code path} free to bind, or throws {@link IllegalStateException} saying why it cannot be. */
    public static void prepare(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new IllegalStateException(
                    "unix socket path " + path + " exists and is not a socket; remove it or choose another path");
        }
        if (somebodyAnswers(path)) {
            throw new IllegalStateException("another server is listening on " + path);
        }
        try {
            Files.delete(path);
            log.info("{} replaced stale unix socket {}", LogId.STALE_UNIX_SOCKET, path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove stale unix socket " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes the socket file at shutdown, if it is still a socket. */
    public static void remove(Path path) {
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && isSocket(path)) {
                Files.delete(path);
            }
        } catch (IOException | IllegalStateException e) {
            log.warn("{} cannot remove unix socket {}: {}", LogId.UNIX_SOCKET_NOT_REMOVED, path, e.getMessage());
        }
    }

    private static boolean isSocket(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & FILE_TYPE_MASK) == SOCKET_TYPE;
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot inspect " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean somebodyAnswers(Path path) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
