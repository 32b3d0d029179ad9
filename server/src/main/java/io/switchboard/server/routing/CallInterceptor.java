package io.switchboard.server.routing;

import io.switchboard.protocol.message.Result;

/**
 * A feature every call passes through once the router has checked it (names, session, method) and before it reaches
 * its {@link Destination}: async calls' tickets now; permission checks and prepared calls later. An interceptor may
 * refuse the call, take it, or pass it on, possibly as a copy with another {@link Caller} that keeps the outcome.
 */
public interface CallInterceptor {

    /**
     * Whether this interceptor acts on {@code call} at all; those that do not are skipped without building a chain, so
     * an interceptor for rare calls (async, scatter-gather) costs ordinary calls one check.
     */
    default boolean wants(Call call) {
        return true;
    }

    /**
     * @param call        the call
     * @param destination where the call will go if passed on
     * @param next        the rest of the chain; {@code next.proceed(call)} passes it on
     * @return null when the call was taken (its caller gets exactly one RESULT later), else the RESULT refusing it
     */
    Result intercept(Call call, Destination destination, Chain next);

    /** The interceptors after this one, then the destination. */
    interface Chain {
        Result proceed(Call call);
    }
}
