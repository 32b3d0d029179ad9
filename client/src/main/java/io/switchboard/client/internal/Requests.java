package io.switchboard.client.internal;

import io.switchboard.client.CallException;
import io.switchboard.client.RequestException;
import io.switchboard.client.SwitchboardException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/** Correlation ids, sending a request with a deadline, reading control answers, and bounded blocking waits. */
public final class Requests {

    private final AtomicLong ids = new AtomicLong();

    /** Sends the request {@code build} makes for a fresh id; the answer is mapped by {@code onAnswer}. */
    public <T> CompletableFuture<T> send(
            Connection c, LongFunction<Message> build, long deadlineNanos, String what, Function<Message, T> onAnswer) {
        return send(c, build, deadlineNanos, () -> what, onAnswer);
    }

    /** As above, naming the request only if it times out: calls are hot, and most never do. */
    public <T> CompletableFuture<T> send(
            Connection c,
            LongFunction<Message> build,
            long deadlineNanos,
            Supplier<String> what,
            Function<Message, T> onAnswer) {
        long id = ids.incrementAndGet();
        long startNanos = System.nanoTime();
        return c.request(
                id,
                build.apply(id),
                deadlineNanos,
                () -> new CallException(
                        ResultCode.TIMEOUT,
                        "no answer to " + what.get() + " from " + c.url()
                                + " within " + TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineNanos - startNanos))
                                + " ms"),
                onAnswer);
    }

    /** ACK means done; ERROR becomes the server's {@link RequestException}. */
    public static Void expectAck(Message answer) {
        expect(answer, Ack.class);
        return null;
    }

    /** The answer as {@code type}; ERROR becomes the server's {@link RequestException}. */
    public static <T extends Message> T expect(Message answer, Class<T> type) {
        if (answer instanceof ErrorMessage error) {
            throw new RequestException(error.code(), error.message());
        }
        if (!type.isInstance(answer)) {
            throw new SwitchboardException("expected " + type.getSimpleName() + " from the server, got " + answer);
        }
        return type.cast(answer);
    }

    /**
     * Waits for {@code future}, which is itself bounded by a deadline timer; the extra margin here only
     * guards against a bug in that timer. Failures are rethrown as they are (unchecked).
     */
    public static <T> T await(CompletableFuture<T> future, long deadlineNanos) {
        long waitNanos = Math.max(0, deadlineNanos - System.nanoTime()) + TimeUnit.SECONDS.toNanos(2);
        try {
            return future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CallException(ResultCode.TIMEOUT, "no answer within the deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException("interrupted while waiting for the server", e);
        }
    }

    static RuntimeException unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        return new SwitchboardException(t.toString(), t);
    }
}
