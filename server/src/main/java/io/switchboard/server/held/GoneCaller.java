package io.switchboard.server.held;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Caller;

/**
 * The caller of a held call loaded after a restart: its connection died with the old server, so nobody waits for
 * the RESULT. The call is delivered all the same (it may do what the caller wanted done); its answer is dropped.
 */
final class GoneCaller implements Caller {

    private final Codec codec;

    GoneCaller(Codec codec) {
        this.codec = codec;
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public boolean isTextMode() {
        return false;
    }

    @Override
    public boolean isClosed() {
        return true;
    }

    @Override
    public void answer(Result result) {
        // nobody is waiting
    }
}
