package io.switchboard.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a server listens: {@code tcp://host:port} or {@code unix:///absolute/path/to.sock}.
 * Parsing rejects anything else with an {@link IllegalArgumentException} that names the URL.
 */
public final class ServerUrl {

    private final String text;
    private final String host;
    private final int port;
    private final Path socketPath;

    private ServerUrl(String text, String host, int port, Path socketPath) {
        this.text = text;
        this.host = host;
        this.port = port;
        this.socketPath = socketPath;
    }

    public static ServerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("server URL is empty; expected tcp://host:port or unix:///path");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw bad(url, e.getMessage());
        }
        String scheme = uri.getScheme();
        if ("tcp".equals(scheme)) {
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw bad(url, "a tcp URL needs a host and a port");
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535 || notEmpty(uri.getRawPath()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw bad(url, "a tcp URL is just tcp://host:port with a port from 1 to 65535");
            }
            return new ServerUrl(url.trim(), uri.getHost(), uri.getPort(), null);
        }
        if ("unix".equals(scheme)) {
            String path = uri.getPath();
            if (uri.getRawAuthority() != null || path == null || !path.startsWith("/") || path.length() < 2
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw bad(url, "a unix URL is unix:///absolute/path (three slashes, no host)");
            }
            return new ServerUrl(url.trim(), null, -1, Path.of(path));
        }
        throw bad(url, "unknown scheme; expected tcp://host:port or unix:///path");
    }

    /** Builds the URL of a unix socket path. */
    public static ServerUrl unix(Path socket) {
        return parse("unix://" + socket.toAbsolutePath().toUri().getRawPath());
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static IllegalArgumentException bad(String url, String why) {
        return new IllegalArgumentException("bad server URL '" + url + "': " + why);
    }

    public boolean isUnix() {
        return socketPath != null;
    }

    /** The TCP host; null for a unix socket. */
    public String host() {
        return host;
    }

    /** The TCP port; -1 for a unix socket. */
    public int port() {
        return port;
    }

    /** The unix socket path; null for TCP. */
    public Path socketPath() {
        return socketPath;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerUrl other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
