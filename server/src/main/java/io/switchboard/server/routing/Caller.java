package io.switchboard.server.routing;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;

/**
 * Who made a call and gets its RESULT: a client {@link Connection}, or the server itself on behalf of a front
 * door's line. The router needs no more than this to answer a call.
 */
public interface Caller {

    /** The codec the RESULT's payload must be in. */
    Codec codec();

    /** Text mode: payloads are written raw into JSON lines, so they must be compact JSON. */
    boolean isTextMode();

    /** A closed caller is not answered: nobody is waiting. */
    boolean isClosed();

    /** Takes the call's one RESULT; may run on any event loop. */
    void answer(Result result);
}
