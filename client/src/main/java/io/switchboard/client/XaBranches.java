package io.switchboard.client;

import io.switchboard.protocol.message.Xid;
import java.util.List;

/**
 * The server as an XA resource manager (docs/transactions.md): the verbs an {@code XAResource} maps onto one to one.
 * Calls submitted in a branch are held by the server, not run; {@link #prepare} makes them durable, {@link #commit}
 * runs them in the order submitted (their tickets then resolve as usual), {@link #rollback} drops them, and
 * {@link #recover} lists the prepared branches after a crash.
 *
 * <p>Failures: an XA verb the server refuses throws {@link RequestException} whose {@link RequestException#code()}
 * is the protocol's ({@code xa-unknown-xid}, {@code xa-not-prepared}, {@code xa-already-prepared},
 * {@code xa-rolled-back}, {@code busy}, {@code internal}); a call refused at submit throws {@link CallException}
 * ({@code busy} for a limit, {@code bad-request} for a branch prepared already, {@code no-such-session}, ...); no
 * answer in time is a {@link CallException} {@code timeout}. docs/transactions.md maps them to {@code XAException}
 * codes. Blocking; not on the client's I/O thread.
 */
public interface XaBranches {

    /**
     * Submits an async call in branch {@code xid} (XA start and the call in one: the first call opens the branch).
     * The ticket's {@link Ticket#result} throws {@link IllegalStateException} until this client commits the branch.
     */
    Ticket submit(Xid xid, String alias, String method, Object payload);

    /** As {@link #submit(Xid, String, String, Object)} with a timeout (counted again from the commit) and headers. */
    Ticket submit(Xid xid, String alias, String method, Object payload, CallOptions callOptions);

    /** XA prepare: the branch's calls are stored durably; after this only commit or rollback resolve it. */
    void prepare(Xid xid);

    /** XA commit; {@code onePhase} commits a branch that was never prepared (the one-phase optimisation). */
    void commit(Xid xid, boolean onePhase);

    /** XA rollback of a prepared or unprepared branch: its calls never run. */
    void rollback(Xid xid);

    /** XA recover: every branch prepared and not yet resolved on the server, whoever prepared it. */
    List<Xid> recover();
}
