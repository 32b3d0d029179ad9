package io.switchboard.server.testing;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Field;

/**
 * An {@link EmbeddedChannel} whose event loop runs its tasks one after another, when the test says so
 * ({@link #runPendingTasks()}), as a socket channel's loop does. Netty's own also runs the pending tasks inside every
 * write it passes to the transport, so a close queued behind a write-and-flush task could run between that write and
 * its flush and lose the write: no real channel does that, and a test could not tell it from a server that closes
 * without a word.
 */
public final class SocketLikeChannel extends EmbeddedChannel {

    private static final Field NESTING = nestingField();

    public SocketLikeChannel(ChannelHandler... handlers) {
        super(handlers);
        try {
            // Seen as always inside an operation, the channel never runs tasks on its own accord.
            NESTING.setInt(this, 1);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Field nestingField() {
        try {
            Field field = EmbeddedChannel.class.getDeclaredField("executingStackCnt");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new AssertionError("Netty's EmbeddedChannel no longer counts nested operations", e);
        }
    }
}
