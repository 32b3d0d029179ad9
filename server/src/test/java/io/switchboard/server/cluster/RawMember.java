package io.switchboard.server.cluster;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.switchboard.server.cluster.link.LinkAnnouncement;
import io.switchboard.server.cluster.link.LinkOptions;
import io.switchboard.server.cluster.link.NodeLinks;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * A cluster member that is not a server: a JGroups channel on the cluster's stack with a link of its own, that
 * announces itself like a node and sends link messages of a test's making. What reaches it over the link is kept.
 */
final class RawMember implements AutoCloseable {

    final JChannel channel;
    final NodeLinks links;
    /** Every message that arrived over the link, in order. */
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService announcer = Executors.newSingleThreadExecutor();

    RawMember(ClusterSettings settings, String name) throws Exception {
        links = NodeLinks.bind(
                "127.0.0.1",
                0,
                new LinkOptions(
                        loops,
                        loops,
                        NioServerSocketChannel.class,
                        NioSocketChannel.class,
                        Optional.empty(),
                        2 << 20,
                        LinkOptions.DEFAULT_CONNECT_TIMEOUT_MS,
                        LinkOptions.MIN_PENDING_BYTES),
                (from, array, offset, length) -> received.add(Arrays.copyOfRange(array, offset, offset + length)),
                (node, why) -> {});
        channel = ClusterStack.channel(settings, Optional.empty());
        channel.setReceiver(new Receiver() {
            private View previous;

            @Override
            public void receive(Message message) {
                if (message.getLength() > 0 && message.getArray()[message.getOffset()] == LinkAnnouncement.FORMAT) {
                    links.announced(
                            message.getSrc(),
                            LinkAnnouncement.decode(message.getArray(), message.getOffset(), message.getLength()));
                }
            }

            @Override
            public void viewAccepted(View view) {
                links.viewChanged(view.getMembers());
                List<Address> joined = view.getMembers().stream()
                        .filter(m -> previous == null || !previous.containsMember(m))
                        .toList();
                previous = view;
                announcer.execute(() -> joined.forEach(m -> {
                    try {
                        if (!m.equals(channel.getAddress())) {
                            channel.send(
                                    new BytesMessage(m, links.announcement().encode()));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
        });
        channel.name(name).connect(settings.name());
        links.self(channel.getAddress());
    }

    /** Sends {@code bytes} to {@code to} over the link. */
    boolean send(Address to, byte[] bytes) {
        return links.send(to, bytes);
    }

    /** The next result that came over the link, or null after {@code seconds}. */
    LinkMessage.Result nextResult(long seconds) throws InterruptedException {
        byte[] bytes = received.poll(seconds, TimeUnit.SECONDS);
        return bytes == null ? null : LinkMessage.decodeResult(bytes, 0, bytes.length, 4 << 20);
    }

    @Override
    public void close() {
        channel.close();
        links.close();
        announcer.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
