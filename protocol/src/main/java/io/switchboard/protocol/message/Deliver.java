package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * A call. Caller to server with the caller's id; server to publisher with an id the server chose.
 * Answered by exactly one RESULT with the same id.
 *
 * @param id        correlation id, unique among the sender's outstanding calls
 * @param alias     the session called
 * @param method    the method called
 * @param timeoutMs milliseconds the sender will wait from now; 0 asks for the server's default
 * @param meta      the caller (set by the server) and the call's headers; {@link CallMeta#NONE} for none
 * @param payload   the argument, opaque bytes in the sender's codec; empty for none
 * @param async     caller to server only: answer with a TICKET at once and keep the outcome for FETCH
 * @param all       caller to server only: scatter-gather, the call goes to every publisher of the alias; each
 *                  answers with a REPLY, then one RESULT ends the call with the counts
 * @param deflated  the payload as it came compressed off the wire (flag DEFLATED), or null: kept so that a server
 *                  forwarding the payload unchanged to a peer that agreed on deflate sends these bytes again instead
 *                  of compressing a second time
 * @param xid       caller to server only, with {@code async}: the XA branch the call belongs to (flag XID); the
 *                  server holds the call until the branch commits. Null for a call outside any transaction
 */
public record Deliver(
        long id,
        String alias,
        String method,
        long timeoutMs,
        CallMeta meta,
        byte[] payload,
        boolean async,
        boolean all,
        byte[] deflated,
        Xid xid)
        implements Message {

    public static final byte[] NO_PAYLOAD = new byte[0];

    /** Flag bit: caller and headers follow the method name. Every other bit is reserved. */
    public static final int FLAG_META = 0x01;
    /** Flag bit: an async call, answered by TICKET; its outcome is stored for FETCH. */
    public static final int FLAG_ASYNC = 0x02;
    /** Flag bit: scatter-gather, to every publisher of the alias, answered by one REPLY each, then RESULT. */
    public static final int FLAG_ALL = 0x04;
    /** Flag bit: the payload is compressed (deflate, as agreed in the handshake). */
    public static final int FLAG_DEFLATED = 0x08;
    /** Flag bit: an async call in an XA branch; the branch's XID follows the meta (or the method). */
    public static final int FLAG_XID = 0x10;

    public Deliver {
        meta = meta == null ? CallMeta.NONE : meta;
        payload = payload == null ? NO_PAYLOAD : payload;
    }

    /** A call outside any XA branch. */
    public Deliver(
            long id,
            String alias,
            String method,
            long timeoutMs,
            CallMeta meta,
            byte[] payload,
            boolean async,
            boolean all,
            byte[] deflated) {
        this(id, alias, method, timeoutMs, meta, payload, async, all, deflated, null);
    }

    /** An async call submitted in the XA branch {@code xid}, its payload not compressed yet. */
    public static Deliver inBranch(
            long id, String alias, String method, long timeoutMs, CallMeta meta, byte[] payload, Xid xid) {
        return new Deliver(id, alias, method, timeoutMs, meta, payload, true, false, null, xid);
    }

    /** A call as the application makes it: the payload not compressed yet. */
    public Deliver(
            long id,
            String alias,
            String method,
            long timeoutMs,
            CallMeta meta,
            byte[] payload,
            boolean async,
            boolean all) {
        this(id, alias, method, timeoutMs, meta, payload, async, all, null);
    }

    /** A call that goes to one publisher (not scatter-gather), its payload as it came off the wire. */
    public Deliver(
            long id,
            String alias,
            String method,
            long timeoutMs,
            CallMeta meta,
            byte[] payload,
            boolean async,
            byte[] deflated) {
        this(id, alias, method, timeoutMs, meta, payload, async, false, deflated);
    }

    /** A call that goes to one publisher (not scatter-gather), its payload not compressed yet. */
    public Deliver(long id, String alias, String method, long timeoutMs, CallMeta meta, byte[] payload, boolean async) {
        this(id, alias, method, timeoutMs, meta, payload, async, false, null);
    }

    /** A call that is answered by its RESULT (not async). */
    public Deliver(long id, String alias, String method, long timeoutMs, CallMeta meta, byte[] payload) {
        this(id, alias, method, timeoutMs, meta, payload, false);
    }

    /** A call without caller or headers. */
    public Deliver(long id, String alias, String method, long timeoutMs, byte[] payload) {
        this(id, alias, method, timeoutMs, CallMeta.NONE, payload);
    }

    @Override
    public FrameType frameType() {
        return FrameType.DELIVER;
    }

    /** The same call under another id and deadline, as the server forwards it (never async to a publisher). */
    public Deliver forward(long newId, long newTimeoutMs, byte[] newPayload) {
        return new Deliver(
                newId, alias, method, newTimeoutMs, meta, newPayload, false, newPayload == payload ? deflated : null);
    }

    @Override
    public String toString() {
        return "Deliver[id=" + id + ", alias=" + alias + ", method=" + method + ", timeoutMs=" + timeoutMs
                + (meta.isEmpty()
                        ? ""
                        : ", caller=" + meta.caller() + ", headers="
                                + meta.headers().keySet())
                + ", payload=" + payload.length + " bytes"
                + (deflated == null ? "" : " (" + deflated.length + " deflated)")
                + (async ? ", async" : "") + (all ? ", all" : "") + (xid == null ? "" : ", xid=" + xid) + "]";
    }
}
