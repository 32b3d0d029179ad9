package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Set;

/**
 * One broadcast message in the bytes each line protocol puts on the wire, each form encoded once per broadcast, and
 * only for a protocol some target speaks. Each line writes a retained view of its protocol's form ({@link
 * LineOutput#queueShared}), so a broadcast costs no encoding, copy or buffer per line.
 *
 * <p>The forms live in direct buffers from Netty's {@link PooledByteBufAllocator}: each line's view of a pooled
 * buffer comes from Netty's recycler, where an unpooled buffer's view is a new object per line and broadcast (and
 * the epoll transport would copy a heap buffer once per line). Not the channels' default allocator: its views are
 * new objects too, and it may set up a whole chunk for this one buffer (about 2 ms a round).
 *
 * <p>Holds one reference to each form: {@link #retain()} and {@link #release()} move them together.
 */
final class SharedMessage {

    /** A tcp line's form, or null when no target is a tcp line. */
    private final ByteBuf tcp;
    /** A websocket line's form, or null when no target is a websocket line. */
    private final ByteBuf webSocket;

    /** Takes over one reference to each non-null form. */
    SharedMessage(ByteBuf tcp, ByteBuf webSocket) {
        this.tcp = tcp;
        this.webSocket = webSocket;
    }

    /** {@code message} in the form of each protocol in {@code protocols}. */
    static SharedMessage encode(byte[] message, boolean binary, Set<FrontDoorProtocol> protocols) {
        ByteBuf tcp = null;
        ByteBuf webSocket = null;
        if (protocols.contains(FrontDoorProtocol.TCP)) {
            tcp = TcpLineOutput.encodeShared(message, PooledByteBufAllocator.DEFAULT);
        }
        if (protocols.contains(FrontDoorProtocol.WEBSOCKET)) {
            webSocket = WebSocketLineOutput.encodeShared(message, binary, PooledByteBufAllocator.DEFAULT);
        }
        return new SharedMessage(tcp, webSocket);
    }

    /** The form a tcp line writes: the message followed by {@code \n}. */
    ByteBuf tcp() {
        return form(tcp, FrontDoorProtocol.TCP);
    }

    /** The form a websocket line writes: one whole frame. */
    ByteBuf webSocket() {
        return form(webSocket, FrontDoorProtocol.WEBSOCKET);
    }

    private static ByteBuf form(ByteBuf form, FrontDoorProtocol protocol) {
        if (form == null) {
            throw new IllegalStateException("no " + protocol.wireName() + " form: no target was such a line");
        }
        return form;
    }

    SharedMessage retain() {
        if (tcp != null) {
            tcp.retain();
        }
        if (webSocket != null) {
            webSocket.retain();
        }
        return this;
    }

    void release() {
        if (tcp != null) {
            tcp.release();
        }
        if (webSocket != null) {
            webSocket.release();
        }
    }
}
