package io.switchboard.jca.adapter.tx;

import io.switchboard.client.CallException;
import io.switchboard.client.ClientClosedException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.RequestException;
import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.ServerShuttingDownException;
import io.switchboard.protocol.ResultCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.transaction.xa.XAException;

/**
 * The XAException of a failed XA verb, as docs/transactions.md's table says: the server's refusals by their error
 * code, anything that means "the resource manager cannot be reached now" as {@code XAER_RMFAIL} (the transaction
 * manager retries, or recovery does). The client's exception is kept as the cause.
 */
final class XaFailures {

    private XaFailures() {}

    /** {@code what} (e.g. "prepare of branch 1:ab:01") failed with {@code failure}. */
    static XAException of(String what, Throwable failure) {
        Throwable e = unwrap(failure);
        int code = codeOf(e);
        XAException x = new XAException(what + " failed with " + name(code) + ": " + e.getMessage());
        x.errorCode = code;
        x.initCause(e);
        return x;
    }

    /** An XAException of the adapter's own, without a server answer behind it. */
    static XAException refused(int code, String message) {
        XAException x = new XAException(name(code) + ": " + message);
        x.errorCode = code;
        return x;
    }

    /** Whether {@code failure} means the physical connection is gone (with it, the server's unprepared branches). */
    static boolean isConnectionFailure(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof ConnectionLostException
                || e instanceof NotConnectedException
                || e instanceof ClientClosedException
                || e instanceof ConnectionFailedException
                || e instanceof ServerShuttingDownException;
    }

    private static int codeOf(Throwable e) {
        if (e instanceof RequestException refused) {
            switch (refused.code()) {
                case XA_UNKNOWN_XID:
                    return XAException.XAER_NOTA;
                case XA_NOT_PREPARED:
                case XA_ALREADY_PREPARED:
                    return XAException.XAER_PROTO;
                case XA_ROLLED_BACK:
                    return XAException.XA_RBROLLBACK;
                case INTERNAL:
                case BUSY:
                case OVERLOADED:
                case SHUTTING_DOWN:
                    return XAException.XAER_RMFAIL;
                case BAD_REQUEST:
                    return XAException.XAER_INVAL;
                default:
                    return XAException.XAER_RMERR;
            }
        }
        if (e instanceof CallException call) {
            return call.code() == ResultCode.TIMEOUT || call.code() == ResultCode.SHUTTING_DOWN
                    ? XAException.XAER_RMFAIL
                    : XAException.XAER_RMERR;
        }
        if (isConnectionFailure(e)) {
            return XAException.XAER_RMFAIL;
        }
        if (e instanceof IllegalArgumentException) {
            return XAException.XAER_INVAL; // an XID the protocol cannot carry
        }
        return XAException.XAER_RMERR;
    }

    static String name(int code) {
        switch (code) {
            case XAException.XAER_NOTA:
                return "XAER_NOTA";
            case XAException.XAER_PROTO:
                return "XAER_PROTO";
            case XAException.XA_RBROLLBACK:
                return "XA_RBROLLBACK";
            case XAException.XAER_RMFAIL:
                return "XAER_RMFAIL";
            case XAException.XAER_INVAL:
                return "XAER_INVAL";
            case XAException.XAER_DUPID:
                return "XAER_DUPID";
            case XAException.XAER_RMERR:
                return "XAER_RMERR";
            default:
                return "XA error " + code;
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
