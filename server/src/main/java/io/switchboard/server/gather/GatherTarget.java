package io.switchboard.server.gather;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;

/**
 * Where one gather's answers go: the calling connection (REPLY frames and the RESULT), or, for a gather another node
 * sent here, that node (link messages).
 */
public interface GatherTarget {

    /** The codec the replies' payloads must be in (the caller's). */
    Codec codec();

    boolean isTextMode();

    /** A closed target is not answered: nobody is waiting. */
    boolean isClosed();

    /** One publisher's answer. */
    void reply(long publisherId, Result result);

    /** The end of the gather, after every {@link #reply}: the counts over every publisher. */
    void end(int publishers, int ok, int failed, int timedOut);
}
