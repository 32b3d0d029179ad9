package io.switchboard.server.cluster.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jgroups.Address;

/**
 * This node's connection to one member, opened at the first message. Messages from any thread go into a queue; one
 * task on the connection's event loop writes all that is queued and flushes once, so a burst of calls costs one
 * wake-up and one system call. While the connection opens, messages wait in the same queue (bounded by bytes); a
 * link not open within the connect timeout, or whose output passes its bound, is closed and reported lost. A closed
 * link is never reused: the next message opens a new one.
 */
final class OutboundLink {

    private enum State {
        NEW,
        WAITING_FOR_ADDRESS,
        CONNECTING,
        OPEN,
        CLOSED
    }

    final Address node;
    private final NodeLinks owner;
    private final LinkOptions options;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile Channel channel;
    private volatile ScheduledFuture<?> deadline;

    OutboundLink(NodeLinks owner, Address node, LinkOptions options) {
        this.owner = owner;
        this.node = node;
        this.options = options;
    }

    boolean send(byte[] bytes) {
        if (state.get() == State.CLOSED) {
            return false;
        }
        int size = bytes.length + 4;
        long queued = queuedBytes.addAndGet(size);
        Channel ch = channel;
        if (queued > options.maxPendingBytes() || ch != null && ch.isActive() && !ch.isWritable()) {
            owner.overflowed(node, queued);
            close("its output passed " + options.maxPendingBytes() + " bytes", false);
            return false;
        }
        queue.add(bytes); // before looking at the state: an opening link drains after it becomes OPEN
        State now = state.get();
        if (now == State.OPEN) {
            scheduleDrain();
        } else if (now == State.NEW) {
            start();
        }
        return now != State.CLOSED;
    }

    private void start() {
        if (!state.compareAndSet(State.NEW, State.WAITING_FOR_ADDRESS)) {
            return;
        }
        try {
            deadline = options.workers()
                    .next()
                    .schedule(
                            () -> close("not connected within " + options.connectTimeoutMs() + " ms", false),
                            options.connectTimeoutMs(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            close("the server is stopping", true);
            return;
        }
        LinkAnnouncement known = owner.peer(node);
        if (known != null) {
            addressKnown(known);
        }
    }

    /** The member's address is known: connect (once). */
    void addressKnown(LinkAnnouncement target) {
        if (!state.compareAndSet(State.WAITING_FOR_ADDRESS, State.CONNECTING)) {
            return;
        }
        int high = (int) Math.min(Integer.MAX_VALUE, options.maxPendingBytes());
        ChannelFuture connected;
        try {
            connected = new Bootstrap()
                    .group(options.workers())
                    .channel(options.channel())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeoutMs())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ChannelPipeline p = ch.pipeline();
                            options.tls()
                                    .ifPresent(tls -> p.addLast(
                                            "tls", tls.client().newHandler(ch.alloc(), target.host(), target.port())));
                            p.addLast("frames", LinkFrames.decoder(LinkFrames.MAX_HANDSHAKE_BYTES));
                            p.addLast("handshake", new LinkConnector(OutboundLink.this, target.secret()));
                        }
                    })
                    .connect(target.host(), target.port());
        } catch (RejectedExecutionException e) {
            close("the server is stopping", true);
            return;
        }
        channel = connected.channel();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                close("cannot connect to " + target + ": " + f.cause().getMessage(), false);
            }
        });
        connected.channel().closeFuture().addListener(f -> close("its connection closed", false));
        if (state.get() == State.CLOSED) {
            connected.channel().close();
        }
    }

    byte[] hello(byte[] targetSecret, byte[] nonce) {
        return owner.hello(targetSecret, nonce);
    }

    /** The member accepted the hello (on the connection's event loop): queued messages flow now. */
    void opened(Channel connected) {
        // The thread that called connect() may not have stored the channel yet (a loaded machine can pause it
        // while the whole handshake runs): without this, the drain would find no channel and the first messages
        // would wait for the next send.
        channel = connected;
        if (!state.compareAndSet(State.CONNECTING, State.OPEN)) {
            return;
        }
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        Channel ch = channel;
        if (ch != null && drainScheduled.compareAndSet(false, true)) {
            try {
                ch.eventLoop().execute(this::drain);
            } catch (RejectedExecutionException e) {
                close("the server is stopping", true);
            }
        }
    }

    /** On the event loop: writes everything queued, then one flush. */
    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        if (state.get() != State.OPEN) {
            return;
        }
        boolean wrote = false;
        byte[] message;
        while ((message = queue.poll()) != null) {
            queuedBytes.addAndGet(-(message.length + 4));
            ch.write(LinkFrames.frame(ch.alloc(), message), ch.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ch.flush();
        }
    }

    /**
     * Closes the link once; unless {@code quiet} (the member left, or this node stops), the member is reported lost.
     */
    void close(String why, boolean quiet) {
        State was = state.getAndSet(State.CLOSED);
        if (was == State.CLOSED) {
            return;
        }
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        queue.clear();
        queuedBytes.set(0);
        owner.outboundClosed(
                this, why, was == State.OPEN, quiet || options.workers().isShuttingDown());
    }
}
