package io.switchboard.client.internal;

import io.switchboard.client.CallException;
import io.switchboard.client.LineNotFoundException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Result;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Calls, LIST and PING: requests whose answer is the whole point. */
public final class Calls {

    private final Requests requests;
    private final ConnectionManager manager;

    public Calls(Requests requests, ConnectionManager manager) {
        this.requests = requests;
        this.manager = manager;
    }

    /**
     * Calls {@code alias.method}; the payload is encoded once the connection (and so the codec) is known. The
     * server gets the time left as the DELIVER's timeout; the pending table's timer is the client's own bound.
     * {@code headers} carries no caller: the server names the caller itself.
     */
    public <T> CompletableFuture<T> call(String alias, String method, Object payload, Class<T> type,
                                         CallMeta headers, long deadlineNanos) {
        return manager.connection(deadlineNanos).thenCompose(c -> {
            byte[] bytes = c.payloads().encode(payload);
            return requests.send(c, id -> new Deliver(id, alias, method, Connection.remainingMillis(deadlineNanos),
                    headers, bytes), deadlineNanos, () -> "call " + alias + "." + method,
                    answer -> result(c, answer, type));
        });
    }

    private static <T> T result(Connection c, Message answer, Class<T> type) {
        Result result = Requests.expect(answer, Result.class);
        if (!result.code().isOk()) {
            throw result.code() == ResultCode.NO_SUCH_LINE ? new LineNotFoundException(result.message())
                    : new CallException(result.code(), result.message());
        }
        return c.payloads().decode(result.payload(), type);
    }

    public CompletableFuture<List<Listing.SessionInfo>> list(long deadlineNanos) {
        return manager.connection(deadlineNanos).thenCompose(c -> requests.send(c, ListSessions::new,
                deadlineNanos, "LIST", answer -> Requests.expect(answer, Listing.class).sessions()));
    }

    /** The round trip of one PING, measured from just before it is queued to when its PONG is read. */
    public CompletableFuture<Duration> ping(long deadlineNanos) {
        return manager.connection(deadlineNanos).thenCompose(c -> {
            long start = System.nanoTime();
            return requests.send(c, Ping::new, deadlineNanos, "PING", answer -> {
                Requests.expect(answer, Pong.class);
                return Duration.ofNanos(System.nanoTime() - start);
            });
        });
    }

    static long toNanos(Duration d) {
        return TimeUnit.MILLISECONDS.toNanos(d.toMillis());
    }
}
