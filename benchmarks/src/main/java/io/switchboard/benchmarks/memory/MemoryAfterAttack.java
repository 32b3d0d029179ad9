package io.switchboard.benchmarks.memory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.protocol.Protocol;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * How much direct memory the server holds while peers stall on almost complete frames, and what it gives back after
 * they leave (issue 13, W1c). Not a timed benchmark: it starts a server in this JVM, opens {@code attackers}
 * connections that each send all but 100 bytes of a {@code frame}-byte frame and stop, reports Netty's and the JVM's
 * direct memory during the attack (6 s after it began), and then 1 s and 10 s after the attackers closed. Run it with the JVM options
 * of interest, e.g.
 *
 * <pre>
 * java -Xmx256m -cp "benchmarks/target/lib/*:benchmarks/target/classes" \
 *     io.switchboard.benchmarks.memory.MemoryAfterAttack 150 1048576 [max-partial-frame-bytes]
 * java -Xmx256m -Dio.netty.allocator.type=pooled -cp ... MemoryAfterAttack 150 1048576
 * </pre>
 */
public final class MemoryAfterAttack {

    private MemoryAfterAttack() {}

    public static void main(String[] args) throws Exception {
        int attackers = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int frame = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 20;
        // Optional: max-partial-frame-bytes (0, the default, = a quarter of the direct memory limit).
        long partialLimit = args.length > 2 ? Long.parseLong(args[2]) : 0;
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .maxFrameSize(frame)
                .maxPartialFrameBytes(partialLimit)
                .build();
        System.out.printf(
                "allocator %s, max direct memory %d MiB, %d attackers x %d-byte frames%n",
                System.getProperty("io.netty.allocator.type", "adaptive (default)"),
                PlatformDependent.maxDirectMemory() >> 20,
                attackers,
                frame);
        try (SwitchboardServer server = SwitchboardServer.start(config)) {
            report("started", server);
            List<SocketChannel> peers = new ArrayList<>();
            for (int i = 0; i < attackers; i++) {
                try {
                    peers.add(stall(server.tcpPort(), frame));
                } catch (IOException e) {
                    System.out.printf("attacker %d: %s%n", i, e);
                }
            }
            Thread.sleep(6000); // the server reads what was sent, on a loaded machine too
            report("attack (stalled frames held)", server);
            int closedByServer = 0;
            for (SocketChannel peer : peers) {
                peer.configureBlocking(false);
                if (closedByServer(peer)) {
                    closedByServer++;
                }
                peer.close();
            }
            System.out.printf("attackers the server had closed: %d of %d%n", closedByServer, peers.size());
            Thread.sleep(1000);
            report("1 s after the attackers left", server);
            Thread.sleep(9000);
            report("10 s after", server);
            System.gc();
            Thread.sleep(1000);
            report("10 s after, and a GC", server);
        }
    }

    /** Reads what the server sent (its ERROR): whether the server has closed the connection. */
    private static boolean closedByServer(SocketChannel peer) {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            int n;
            while ((n = peer.read(sink.clear())) > 0) {
                // the ERROR before the close
            }
            return n < 0;
        } catch (IOException e) {
            return true; // reset: closed with our unread bytes in its buffer
        }
    }

    /** Magic, then all but the last 100 bytes of one frame, written in 64 KiB pieces; then nothing. */
    private static SocketChannel stall(int port, int frame) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.write(ByteBuffer.wrap(Protocol.BINARY_MAGIC));
        ByteBuffer prefix = ByteBuffer.allocate(4).putInt(frame - 4);
        prefix.flip();
        channel.write(prefix);
        int left = frame - 4 - 100;
        ByteBuffer piece = ByteBuffer.allocate(64 * 1024);
        while (left > 0) {
            piece.clear().limit(Math.min(left, piece.capacity()));
            while (piece.hasRemaining()) {
                channel.write(piece);
            }
            left -= piece.limit();
        }
        return channel;
    }

    private static void report(String when, SwitchboardServer server) {
        long netty = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory()
                : -1;
        long jvm = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                jvm = pool.getMemoryUsed();
            }
        }
        System.out.printf(
                "%-32s netty allocator direct %6.1f MiB, JVM direct buffers %6.1f MiB, closed overloaded %d%n",
                when, netty / 1048576.0, jvm / 1048576.0, server.stats().overloaded());
    }
}
