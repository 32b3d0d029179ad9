package io.switchboard.client.internal;

import io.switchboard.client.CallException;
import io.switchboard.client.LineNotFoundException;
import io.switchboard.client.PublisherResult;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.Xid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

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
    public <T> CompletableFuture<T> call(
            String alias, String method, Object payload, Class<T> type, CallMeta headers, long deadlineNanos) {
        return manager.withConnection(deadlineNanos, c -> {
            byte[] bytes = c.payloads().encode(payload);
            return requests.send(
                    c,
                    id -> new Deliver(id, alias, method, Connection.remainingMillis(deadlineNanos), headers, bytes),
                    deadlineNanos,
                    () -> "call " + alias + "." + method,
                    answer -> result(c, answer, type));
        });
    }

    /**
     * A scatter-gather call (DELIVER flag ALL): every publisher's answer, in the order they came. The REPLYs are
     * collected under the call's id until its RESULT ends the call.
     */
    public <T> CompletableFuture<List<PublisherResult<T>>> callAll(
            String alias, String method, Object payload, Class<T> type, CallMeta headers, long deadlineNanos) {
        return manager.withConnection(deadlineNanos, c -> {
            byte[] bytes = c.payloads().encode(payload);
            long[] callId = new long[1];
            CompletableFuture<List<PublisherResult<T>>> answer = requests.send(
                    c,
                    id -> {
                        callId[0] = id;
                        c.gather(id);
                        return new Deliver(
                                id,
                                alias,
                                method,
                                Connection.remainingMillis(deadlineNanos),
                                headers,
                                bytes,
                                false,
                                true);
                    },
                    deadlineNanos,
                    () -> "scatter-gather call " + alias + "." + method,
                    end -> gathered(c, end, callId[0], type));
            answer.whenComplete((v, e) -> c.gathered(callId[0])); // however the call ended, stop collecting
            return answer;
        });
    }

    private static <T> List<PublisherResult<T>> gathered(Connection c, Message end, long id, Class<T> type) {
        Result result = Requests.expect(end, Result.class);
        List<Reply> replies = c.gathered(id);
        if (!result.code().isOk()) {
            throw new CallException(result.code(), result.message());
        }
        List<PublisherResult<T>> results = new ArrayList<>(replies.size());
        for (Reply reply : replies) {
            T value = reply.code().isOk() && reply.payload().length > 0
                    ? c.payloads().decode(reply.payload(), type)
                    : null;
            results.add(new PublisherResult<>(reply.publisher(), reply.code(), reply.message(), value));
        }
        return results;
    }

    /**
     * An async call accepted by the server: its ticket, and its RESULT to come while {@code connection} stays up,
     * with the payload mapper to read it.
     */
    public record Submitted(String ticket, CompletableFuture<Result> notification, PayloadMapper payloads) {}

    /**
     * Submits {@code alias.method} as an async call (DELIVER with ASYNC). The answer is the TICKET, or a RESULT when
     * the server refuses the call at once (no such session, ...), which fails the future with {@link CallException}.
     * The same id then waits for the notification, bounded by the call's deadline.
     */
    public CompletableFuture<Submitted> submit(
            String alias, String method, Object payload, CallMeta headers, long deadlineNanos) {
        return submit(null, alias, method, payload, headers, deadlineNanos);
    }

    /**
     * As above, in the XA branch {@code xid} when it is not null (DELIVER flag XID): the server holds the call until
     * the branch commits.
     */
    public CompletableFuture<Submitted> submit(
            Xid xid, String alias, String method, Object payload, CallMeta headers, long deadlineNanos) {
        return manager.withConnection(deadlineNanos, c -> {
            byte[] bytes = c.payloads().encode(payload);
            long timeoutMs = Connection.remainingMillis(deadlineNanos);
            return requests.send(
                    c,
                    id -> xid == null
                            ? new Deliver(id, alias, method, timeoutMs, headers, bytes, true)
                            : Deliver.inBranch(id, alias, method, timeoutMs, headers, bytes, xid),
                    deadlineNanos,
                    () -> "async call " + alias + "." + method,
                    answer -> submitted(c, answer, alias, method, deadlineNanos));
        });
    }

    private static Submitted submitted(Connection c, Message answer, String alias, String method, long deadlineNanos) {
        if (answer instanceof Result instead) {
            // Refused at once (no such session, busy, ...); or, rarely, the server could not store the ticket and
            // answers with the call's outcome as it would without ASYNC.
            throw instead.code().isOk()
                    ? new SwitchboardException("the server could not store the ticket of async call " + alias + "."
                            + method + "; the call ran and answered ok, but its result cannot be fetched")
                    : new CallException(instead.code(), instead.message());
        }
        TicketIssued ticket = Requests.expect(answer, TicketIssued.class);
        CompletableFuture<Result> notification = c.awaitAnother(
                        ticket.id(),
                        deadlineNanos,
                        () -> new CallException(
                                ResultCode.TIMEOUT,
                                "no outcome of async call " + alias + "." + method + " (ticket " + ticket.ticket()
                                        + ") by its deadline; fetch it"))
                .thenApply(m -> Requests.expect(m, Result.class));
        return new Submitted(ticket.ticket(), notification, c.payloads());
    }

    /** An XA request (XA_PREPARE, XA_COMMIT, XA_ROLLBACK, XA_RECOVER) built for a fresh req; its answer as is. */
    public CompletableFuture<Message> xa(LongFunction<Message> build, String what, long deadlineNanos) {
        return manager.withConnection(
                deadlineNanos,
                c -> requests.send(c, build, deadlineNanos, what, java.util.function.Function.identity()));
    }

    /** FETCH: the stored outcome of the ticket's call, waiting up to {@code waitMs} for it on the server. */
    public <T> CompletableFuture<T> fetch(String ticket, Class<T> type, long waitMs, long deadlineNanos) {
        return manager.withConnection(
                deadlineNanos,
                c -> requests.send(
                        c,
                        req -> new Fetch(req, waitMs, ticket),
                        deadlineNanos,
                        () -> "FETCH " + ticket,
                        answer -> result(c, answer, type)));
    }

    private static <T> T result(Connection c, Message answer, Class<T> type) {
        Result result = Requests.expect(answer, Result.class);
        if (!result.code().isOk()) {
            throw result.code() == ResultCode.NO_SUCH_LINE
                    ? new LineNotFoundException(result.message())
                    : new CallException(result.code(), result.message());
        }
        return c.payloads().decode(result.payload(), type);
    }

    public CompletableFuture<List<SessionInfo>> list(long deadlineNanos) {
        return manager.withConnection(
                deadlineNanos,
                c -> requests.send(
                        c,
                        ListSessions::new,
                        deadlineNanos,
                        "LIST",
                        answer -> Requests.expect(answer, Listing.class).sessions().stream()
                                .map(PublicValues::sessionInfo)
                                .toList()));
    }

    /** The round trip of one PING, measured from just before it is queued to when its PONG is read. */
    public CompletableFuture<Duration> ping(long deadlineNanos) {
        return manager.withConnection(deadlineNanos, c -> {
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
