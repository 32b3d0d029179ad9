package io.switchboard.server.registry;

import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's own registry entry: the URLs of its protocol listeners as endpoints (tcp first, then the unix socket),
 * and, as metadata, its front doors (they are for end users, not Switchboard clients, so never endpoints).
 */
public final class ServerListeners {

    /** Metadata key saying what the entry is. */
    public static final String ROLE_KEY = "role";

    public static final String ROLE = "switchboard";
    /** Metadata key prefix of the front doors' URLs: {@code front-door.<name>}. */
    public static final String FRONT_DOOR_PREFIX = "front-door.";

    private final List<String> endpoints = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /**
     * @param host     the configured listen host; a wildcard address is replaced by this machine's name
     * @param tcpPort  the port actually bound
     * @param tls      whether the port speaks TLS (the endpoint is then {@code tls://})
     * @param unixPath the unix socket, if any
     */
    public ServerListeners(String host, int tcpPort, boolean tls, Optional<Path> unixPath) {
        endpoints.add((tls ? "tls://" : "tcp://") + hostForUrl(host) + ":" + tcpPort);
        unixPath.ifPresent(path -> endpoints.add("unix://" + path.toAbsolutePath()));
        metadata.put(ROLE_KEY, ROLE);
    }

    /** Adds a bound front door to the metadata. */
    public ServerListeners frontDoor(FrontDoorConfig door, int port) {
        boolean tls = door.tls().isPresent();
        String url = door.protocol() == FrontDoorProtocol.WEBSOCKET
                ? (tls ? "wss://" : "ws://") + hostForUrl(door.host()) + ":" + port + door.path()
                : (tls ? "tls://" : "tcp://") + hostForUrl(door.host()) + ":" + port;
        metadata.put(FRONT_DOOR_PREFIX + door.name(), url);
        return this;
    }

    public List<String> endpoints() {
        return List.copyOf(endpoints);
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** A listen address others can dial: a wildcard is no address to connect to; IPv6 literals need brackets. */
    static String hostForUrl(String host) {
        String h = host;
        if ("0.0.0.0".equals(h) || "::".equals(h) || "[::]".equals(h)) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                h = "127.0.0.1";
            }
        }
        return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
