package io.switchboard.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for listeners a test must name before they bind, such as the members of a static cluster that list each
 * other. A port the OS hands out for port 0 is free only at that moment: any outgoing connection or other port-0
 * listener may take it before the node binds it (CI saw this). These ports come from below the kernel's ephemeral
 * range instead, where nothing is assigned automatically, and each is checked free on loopback when chosen.
 */
public final class ListenPorts {

    private static final int LOWEST = 10_000;
    /** Linux's default ephemeral range starts here; read from the kernel when it says. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private static final int LIMIT = ephemeralStart();
    /** Where this JVM looks next: a random start, so that parallel builds rarely look at the same ports. */
    private static final AtomicInteger NEXT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(LOWEST, LIMIT));

    private ListenPorts() {}

    /** {@code count} distinct ports, free on loopback now, none handed out before by this JVM (until it wraps). */
    public static List<Integer> free(int count) {
        List<Integer> ports = new ArrayList<>(count);
        for (int tried = 0; ports.size() < count; tried++) {
            if (tried > LIMIT - LOWEST) {
                throw new IllegalStateException("no " + count + " free ports between " + LOWEST + " and " + LIMIT);
            }
            int port = NEXT.getAndUpdate(p -> p + 1 >= LIMIT ? LOWEST : p + 1);
            if (bindable(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** One such port. */
    public static int free() {
        return free(1).get(0);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START; // not Linux: its ephemeral range is usually above this too
        }
    }
}
