package io.switchboard.server.cluster;

/** One entry of {@code cluster-peers}: a member's cluster address. */
public record Peer(String host, int port) {

    /**
     * Parses {@code host:port} (an IPv6 address in brackets: {@code [::1]:7800}).
     *
     * @throws IllegalArgumentException naming cluster-peers when the entry is not host:port with a port 1..65535
     */
    public static Peer parse(String entry) {
        String e = entry == null ? "" : entry.trim();
        int colon = e.lastIndexOf(':');
        String host = colon > 0 ? e.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.contains(" ") || host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("cluster-peers: '" + entry + "' is not host:port");
        }
        int port;
        try {
            port = Integer.parseInt(e.substring(colon + 1));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("cluster-peers: '" + entry + "' has no port number (host:port)");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("cluster-peers: port of '" + entry + "' must be 1..65535");
        }
        return new Peer(host, port);
    }

    /** JGroups' spelling for TCPPING's initial_hosts: {@code host[port]}. */
    String jgroupsForm() {
        return host + "[" + port + "]";
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
