package io.switchboard.client;

import io.switchboard.client.internal.Calls;
import io.switchboard.client.internal.Requests;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/** {@link XaBranches} over one client's connection. */
final class ClientXaBranches implements XaBranches {

    private final SwitchboardClient client;
    private final Calls calls;
    /** Branches with calls submitted here and not resolved here yet: their tickets ask whether they committed. */
    private final Map<Xid, XaBranch> open = new ConcurrentHashMap<>();

    ClientXaBranches(SwitchboardClient client, Calls calls) {
        this.client = client;
        this.calls = calls;
    }

    @Override
    public Ticket submit(Xid xid, String alias, String method, Object payload) {
        return submit(xid, alias, method, payload, CallOptions.builder().build());
    }

    @Override
    public Ticket submit(Xid xid, String alias, String method, Object payload, CallOptions callOptions) {
        Objects.requireNonNull(xid, "xid");
        PublishOptions.checkName(alias, "alias");
        PublishOptions.checkName(method, "method");
        client.refuseOnIoThread("submit");
        long deadline = client.deadline(client.timeoutOf(callOptions));
        XaBranch branch = open.computeIfAbsent(xid, XaBranch::new);
        return Requests.await(
                calls.submit(xid, alias, method, payload, callOptions.meta(), deadline)
                        .thenApply(s -> new Ticket(s.ticket(), s.notification(), s.payloads(), branch)),
                deadline);
    }

    @Override
    public void prepare(Xid xid) {
        Requests.expectAck(request(req -> new XaPrepare(req, Objects.requireNonNull(xid, "xid")), "XA prepare"));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        Requests.expectAck(
                request(req -> new XaCommit(req, Objects.requireNonNull(xid, "xid"), onePhase), "XA commit"));
        XaBranch branch = open.remove(xid);
        if (branch != null) {
            branch.markCommitted();
        }
    }

    @Override
    public void rollback(Xid xid) {
        Requests.expectAck(request(req -> new XaRollback(req, Objects.requireNonNull(xid, "xid")), "XA rollback"));
        open.remove(xid);
    }

    @Override
    public List<Xid> recover() {
        return Requests.expect(request(XaRecover::new, "XA recover"), XaXids.class)
                .xids();
    }

    private Message request(LongFunction<Message> build, String what) {
        client.refuseOnIoThread(what);
        long deadline = client.deadline(client.options().callTimeout());
        return Requests.await(calls.xa(build, what, deadline), deadline);
    }
}
