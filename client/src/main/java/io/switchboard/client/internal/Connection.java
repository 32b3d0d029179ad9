package io.switchboard.client.internal;

import io.netty.channel.Channel;
import io.switchboard.client.CallException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.protocol.transport.OutboundQueue;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One handshaken channel to a server: what was negotiated, the frames waiting to be written and the
 * requests waiting for answers. When the channel closes every waiting request fails with
 * {@link ConnectionLostException} (or whatever {@link #close} was given).
 */
public final class Connection {

    private final Channel channel;
    private final ServerUrl url;
    private final Welcome welcome;
    private final PayloadMapper payloads;
    private final OutboundQueue outbound;
    private final PendingTable pending;
    /** The REPLYs of scatter-gather calls in flight, by call id; at most one per publisher of the alias. */
    private final Map<Long, Queue<Reply>> gathering = new ConcurrentHashMap<>();

    private volatile boolean draining;
    private volatile Supplier<RuntimeException> closeReason;
    /** Why the connection failed, when it did not simply close; told to connection listeners. */
    private volatile Throwable failure;

    Connection(Channel channel, ServerUrl url, Welcome welcome, PayloadMapper payloads, PendingTable pending) {
        this.channel = channel;
        this.url = url;
        this.welcome = welcome;
        this.payloads = payloads;
        this.pending = pending;
        this.outbound = new OutboundQueue(channel);
        this.closeReason = () -> new ConnectionLostException("connection to " + url + " lost before the answer came");
        channel.closeFuture().addListener(f -> pending.failAll(closeReason));
    }

    /**
     * Sends a request and returns its answer mapped by {@code onAnswer}. The mapping is attached before the
     * frame leaves, so it runs on the I/O thread in the order answers arrive.
     */
    public <T> CompletableFuture<T> request(
            long id,
            Message request,
            long deadlineNanos,
            Supplier<RuntimeException> onExpiry,
            Function<Message, T> onAnswer) {
        CompletableFuture<T> answer =
                pending.register(id, deadlineNanos, onExpiry).thenApply(onAnswer);
        if (!channel.isActive()) {
            pending.fail(id, closeReason.get());
            return answer;
        }
        outbound.send(request, failure -> pending.fail(id, writeFailure(failure)));
        return answer;
    }

    /**
     * Waits for a second answer under an id whose first answer just arrived (the RESULT that follows an async
     * call's TICKET). Call it on the I/O thread while handling the first answer, so the second cannot slip past.
     */
    public CompletableFuture<Message> awaitAnother(long id, long deadlineNanos, Supplier<RuntimeException> onExpiry) {
        CompletableFuture<Message> answer = pending.register(id, deadlineNanos, onExpiry);
        if (!channel.isActive()) {
            pending.fail(id, closeReason.get());
        }
        return answer;
    }

    /** Sends a frame nobody waits an answer for. */
    public void send(Message message, java.util.function.Consumer<Throwable> onFailure) {
        outbound.send(message, onFailure);
    }

    private RuntimeException writeFailure(Throwable failure) {
        return ProtocolException.find(failure)
                .filter(pe -> pe.code() == ErrorCode.FRAME_TOO_LARGE)
                .<RuntimeException>map(pe -> new CallException(ResultCode.BAD_REQUEST, pe.getMessage()))
                .orElseGet(() -> new ConnectionLostException("could not write to " + url + ": " + failure, failure));
    }

    /** Starts collecting the REPLYs of scatter-gather call {@code id}; they come before its RESULT. */
    void gather(long id) {
        gathering.put(id, new ConcurrentLinkedQueue<>());
    }

    /** A REPLY of a scatter-gather call; false when no call of this connection collects it (it ended). */
    boolean reply(Reply reply) {
        Queue<Reply> replies = gathering.get(reply.id());
        if (replies == null) {
            return false;
        }
        replies.add(reply);
        return true;
    }

    /** The REPLYs collected for call {@code id}, in arrival order; stops collecting them. */
    List<Reply> gathered(long id) {
        Queue<Reply> replies = gathering.remove(id);
        return replies == null ? List.of() : List.copyOf(replies);
    }

    /** Ends the request or call waiting under {@code id} with {@code failure}; nothing when none waits. */
    void failCall(long id, Throwable failure) {
        pending.fail(id, failure);
    }

    /** Routes an answer to its waiting request; false when nothing waits for it any more. */
    boolean answer(long id, Message message) {
        return pending.complete(id, message);
    }

    /** Fails a waiting request with {@code failure}; false when nothing waits for it any more. */
    boolean fail(long id, RuntimeException failure) {
        return pending.fail(id, failure);
    }

    /** The server announced SHUTDOWN: finish what is in flight here, send new work elsewhere. */
    void markDraining() {
        draining = true;
    }

    /** The write path, for the heartbeat, which watches when it last wrote and sends its PINGs through it. */
    OutboundQueue outbound() {
        return outbound;
    }

    /** Records the error that is about to close this connection (the first one wins). */
    void noteFailure(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** The error that closed this connection; null when it closed without one (e.g. the peer closed it). */
    public Throwable failure() {
        return failure;
    }

    public boolean isUsable() {
        return !draining && channel.isActive();
    }

    /** Closes on the event loop after the frames already queued are written; pending requests fail with the reason. */
    public CompletableFuture<Void> close(Supplier<RuntimeException> reason) {
        if (reason != null) {
            this.closeReason = reason;
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        try {
            channel.eventLoop().execute(() -> {
                outbound.drain();
                channel.close();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            channel.close();
        }
        return closed;
    }

    public Channel channel() {
        return channel;
    }

    public ServerUrl url() {
        return url;
    }

    public Welcome welcome() {
        return welcome;
    }

    public PayloadMapper payloads() {
        return payloads;
    }

    int pendingCount() {
        return pending.size();
    }

    static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    @Override
    public String toString() {
        return "Connection[" + url + ", codec=" + payloads.codec().wireName() + "]";
    }
}
