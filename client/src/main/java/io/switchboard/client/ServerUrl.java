package io.switchboard.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a server listens: {@code tcp://host:port}, {@code tls://host:port} (TLS, see {@link TlsOptions}) or
 * {@code unix:///absolute/path/to.sock}; or, connecting by name, {@code registry://host:port/name}: the server at
 * {@code host:port} resolves {@code name} in its registry, and the client tries the resolved endpoints in order
 * (again at every reconnect). {@code registry+tls://host:port/name} asks a registry that listens with TLS.
 * Parsing rejects anything else with an {@link IllegalArgumentException} that names the URL.
 *
 * <p>Several servers are written as a comma-separated list ({@link #parseList}), e.g.
 * {@code tcp://a:7420,tls://b:7420}: each element keeps its own scheme, and the client tries them in the order
 * given (see {@link ClientOptions#urls()}). A comma inside a unix socket path is written {@code %2C}.
 */
public final class ServerUrl {

    /** The most URLs one client is given: a list is walked on every reconnect, so it stays short. */
    public static final int MAX_URLS = 64;

    private final String text;
    private final String host;
    private final int port;
    private final Path socketPath;
    /** The name to resolve, for a registry URL; null otherwise. */
    private final String registryName;
    /** TLS to this host (tls://), or to the registry (registry+tls://). */
    private final boolean tls;

    private ServerUrl(String text, String host, int port, Path socketPath, String registryName, boolean tls) {
        this.text = text;
        this.host = host;
        this.port = port;
        this.socketPath = socketPath;
        this.registryName = registryName;
        this.tls = tls;
    }

    public static ServerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "server URL is empty; expected tcp://host:port, tls://host:port, unix:///path or "
                            + "registry://host:port/name");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw bad(url, e.getMessage());
        }
        String scheme = uri.getScheme();
        if ("tcp".equals(scheme) || "tls".equals(scheme)) {
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw bad(url, "a " + scheme + " URL needs a host and a port");
            }
            if (uri.getPort() == 0
                    || uri.getPort() > 65535
                    || notEmpty(uri.getRawPath())
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw bad(url, "a " + scheme + " URL is just " + scheme + "://host:port with a port from 1 to 65535");
            }
            return new ServerUrl(url.trim(), uri.getHost(), uri.getPort(), null, null, "tls".equals(scheme));
        }
        if ("registry".equals(scheme) || "registry+tls".equals(scheme)) {
            String name = uri.getPath() == null ? "" : uri.getPath();
            if (uri.getHost() == null
                    || uri.getPort() < 1
                    || uri.getPort() > 65535
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null
                    || name.length() < 2
                    || name.indexOf('/', 1) >= 0) {
                throw bad(
                        url,
                        "a registry URL is registry://host:port/name (or registry+tls://): the registry's host and "
                                + "port (1 to 65535), then the name to resolve (percent-encoded where needed)");
            }
            return new ServerUrl(
                    url.trim(), uri.getHost(), uri.getPort(), null, name.substring(1), "registry+tls".equals(scheme));
        }
        if ("unix".equals(scheme)) {
            String path = uri.getPath();
            if (uri.getRawAuthority() != null
                    || path == null
                    || !path.startsWith("/")
                    || path.length() < 2
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw bad(url, "a unix URL is unix:///absolute/path (three slashes, no host)");
            }
            return new ServerUrl(url.trim(), null, -1, Path.of(path), null, false);
        }
        throw bad(
                url,
                "unknown scheme; expected tcp://host:port, tls://host:port, unix:///path or "
                        + "registry://host:port/name");
    }

    /**
     * Parses a comma-separated list of URLs, in order; blanks around an element are ignored. Refuses, naming the
     * element (by position and text): an empty element ({@code a,,b}, a trailing comma), an element that is not
     * a URL as {@link #parse} reads it, one that repeats an earlier element, and more than {@link #MAX_URLS}.
     */
    public static List<ServerUrl> parseList(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("server URL list is empty; expected one or more of tcp://host:port, "
                    + "tls://host:port, unix:///path or registry://host:port/name, comma-separated");
        }
        String[] parts = list.split(",", -1);
        if (parts.length > MAX_URLS) {
            throw new IllegalArgumentException("server URL list '" + list + "' has " + parts.length
                    + " elements; at most " + MAX_URLS + " are allowed");
        }
        List<ServerUrl> urls = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            String where = "element " + (i + 1) + " of the server URL list '" + list + "'";
            if (part.isEmpty()) {
                throw new IllegalArgumentException(where + " is empty (two commas in a row, or one at an end?)");
            }
            ServerUrl url;
            try {
                url = parse(part);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " is malformed: " + e.getMessage(), e);
            }
            int earlier = urls.indexOf(url);
            if (earlier >= 0) {
                throw new IllegalArgumentException(
                        where + ", '" + part + "', repeats element " + (earlier + 1) + "; give each server once");
            }
            urls.add(url);
        }
        return List.copyOf(urls);
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

    /** True for {@code registry://host:port/name}: resolve first, then connect to what the registry says. */
    public boolean isRegistry() {
        return registryName != null;
    }

    /** The name a registry URL resolves; null for other URLs. */
    public String registryName() {
        return registryName;
    }

    /** For a registry URL: the registry server itself ({@code tcp://host:port}, or {@code tls://} for TLS). */
    public ServerUrl registryServer() {
        if (registryName == null) {
            throw new IllegalStateException(text + " is not a registry URL");
        }
        return parse((tls ? "tls://" : "tcp://")
                + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
    }

    /** True for {@code tls://} (and {@code registry+tls://}, whose registry is asked over TLS). */
    public boolean isTls() {
        return tls;
    }

    public boolean isUnix() {
        return socketPath != null;
    }

    /** The TCP host (the registry's for a registry URL); null for a unix socket. */
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
