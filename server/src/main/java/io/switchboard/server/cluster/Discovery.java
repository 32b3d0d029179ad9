package io.switchboard.server.cluster;

import java.util.Locale;

/** How a node finds the other members ({@code cluster-discovery}). */
public enum Discovery {
    /** JGroups' JDBC_PING2 on the store's PostgreSQL: members write their address into a table. The default. */
    JDBC("jdbc", "jgroups-jdbc.xml"),
    /** JGroups' TCPPING with the static {@code cluster-peers} list. */
    STATIC("static", "jgroups-static.xml");

    private final String wireName;
    private final String shippedStack;

    Discovery(String wireName, String shippedStack) {
        this.wireName = wireName;
        this.shippedStack = shippedStack;
    }

    /** The value of {@code cluster-discovery}. */
    public String wireName() {
        return wireName;
    }

    /** The stack file shipped for it (in the distribution's {@code conf/} and on the class path). */
    public String shippedStack() {
        return shippedStack;
    }

    /** @throws IllegalArgumentException naming the option for anything but jdbc or static */
    public static Discovery parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Discovery d : values()) {
            if (d.wireName.equals(v)) {
                return d;
            }
        }
        throw new IllegalArgumentException("cluster-discovery must be jdbc or static, was '" + value + "'");
    }
}
