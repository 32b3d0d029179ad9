package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.Xid;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes a {@link Message} as one binary frame. A frame over the peer's limit fails its write with a
 * {@link ProtocolException} instead of being sent, so the sender learns why at once.
 */
public final class BinaryMessageEncoder extends MessageToByteEncoder<Message> {

    private final ConnectionCodec codec;
    private final Deflate deflater = new Deflate();
    private volatile int maxFrameSize;

    public BinaryMessageEncoder(ConnectionCodec codec, int maxFrameSize) {
        super(Message.class);
        this.codec = codec;
        this.maxFrameSize = maxFrameSize;
    }

    /** The peer's limit, learnt in the handshake. */
    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Message msg, boolean preferDirect) {
        return ctx.alloc().ioBuffer(sizeHint(msg));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
        encode(msg, codec.get(), out, maxFrameSize, codec.compression(), deflater);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        deflater.close();
        super.handlerRemoved(ctx);
    }

    /** Encodes one frame of a connection without compression, length prefix included; for tests and benchmarks. */
    public static void encode(Message msg, Codec codec, ByteBuf out, int maxFrameSize) {
        encode(msg, codec, out, maxFrameSize, null, null);
    }

    /**
     * Encodes one frame, length prefix included, compressing a DELIVER's or RESULT's payload as {@code compression}
     * says: the bytes it arrived compressed in when it carries them ({@link Deliver#deflated()}), else compressed now
     * when longer than the threshold and smaller compressed.
     *
     * @param compression what the handshake agreed, or null for none
     * @param deflater    compresses payloads; only used when {@code compression} is not null
     */
    public static void encode(
            Message msg, Codec codec, ByteBuf out, int maxFrameSize, Compression compression, Deflate deflater) {
        int start = out.writerIndex();
        out.writeInt(0); // length, patched below
        FrameType type = msg.frameType();
        out.writeByte(type.code());
        switch (type.layout()) {
            case JSON_DOCUMENT -> document(msg, Codec.JSON, out);
            case DOCUMENT -> document(msg, codec, out);
            case FIXED -> fixed(msg, out, compression, deflater);
        }
        int length = out.writerIndex() - start - Protocol.LENGTH_FIELD_BYTES;
        if (length > maxFrameSize) {
            out.writerIndex(start);
            throw Oversize.of(msg, length, maxFrameSize, "frame");
        }
        out.setInt(start, length);
    }

    private static void fixed(Message msg, ByteBuf out, Compression compression, Deflate deflater) {
        switch (msg.frameType()) {
            case PING -> out.writeLong(((Ping) msg).id());
            case PONG -> out.writeLong(((Pong) msg).id());
            case DELIVER -> {
                Deliver deliver = (Deliver) msg;
                byte[] deflated = compressed(deliver.payload(), deliver.deflated(), compression, deflater);
                out.writeLong(deliver.id());
                out.writeInt((int) Math.min(deliver.timeoutMs(), 0xFFFF_FFFFL));
                CallMeta meta = deliver.meta();
                // Without meta the frame stays byte for byte what it was before META existed.
                out.writeByte((meta.isEmpty() ? 0 : Deliver.FLAG_META)
                        | (deliver.async() ? Deliver.FLAG_ASYNC : 0)
                        | (deliver.all() ? Deliver.FLAG_ALL : 0)
                        | (deflated != null ? Deliver.FLAG_DEFLATED : 0)
                        | (deliver.xid() != null ? Deliver.FLAG_XID : 0));
                Wire.writeStr8(out, deliver.alias(), "alias");
                Wire.writeStr8(out, deliver.method(), "method");
                if (!meta.isEmpty()) {
                    meta(meta, out);
                }
                if (deliver.xid() != null) {
                    xid(deliver.xid(), out);
                }
                out.writeBytes(deflated != null ? deflated : deliver.payload());
            }
            case RESULT -> {
                Result result = (Result) msg;
                byte[] deflated = compressed(result.payload(), result.deflated(), compression, deflater);
                out.writeLong(result.id());
                out.writeByte(result.code().wireCode() | (deflated != null ? Result.CODE_FLAG_DEFLATED : 0));
                Wire.writeStr16(out, result.message(), "message");
                out.writeBytes(deflated != null ? deflated : result.payload());
            }
            case REPLY -> {
                Reply reply = (Reply) msg;
                out.writeLong(reply.id());
                out.writeLong(reply.publisher());
                out.writeByte(reply.code().wireCode());
                Wire.writeStr16(out, reply.message(), "message");
                out.writeBytes(reply.payload());
            }
            case TICKET -> {
                TicketIssued ticket = (TicketIssued) msg;
                out.writeLong(ticket.id());
                Wire.writeStr8(out, ticket.ticket(), "ticket");
            }
            case FETCH -> {
                Fetch fetch = (Fetch) msg;
                out.writeLong(fetch.req());
                out.writeInt((int) fetch.waitMs());
                Wire.writeStr8(out, fetch.ticket(), "ticket");
            }
            default -> throw new IllegalStateException("no fixed layout for " + msg.frameType());
        }
    }

    /** The payload's bytes to send compressed, or null to send it as it is. */
    private static byte[] compressed(byte[] payload, byte[] deflated, Compression compression, Deflate deflater) {
        if (compression == null || payload.length == 0) {
            return null;
        }
        if (deflated != null) {
            return deflated; // compressed by the sender already: forwarded as it came
        }
        return payload.length > compression.compressAbove() ? deflater.compress(payload) : null;
    }

    private static void xid(Xid xid, ByteBuf out) {
        out.writeInt(xid.formatId());
        byte[] gtrid = xid.gtridBytes();
        out.writeByte(gtrid.length).writeBytes(gtrid);
        byte[] bqual = xid.bqualBytes();
        out.writeByte(bqual.length).writeBytes(bqual);
    }

    private static void meta(CallMeta meta, ByteBuf out) {
        byte[] caller = meta.callerUtf8();
        out.writeByte(caller.length);
        out.writeBytes(caller);
        out.writeByte(meta.headers().size());
        for (Map.Entry<String, String> header : meta.headers().entrySet()) {
            Wire.writeStr8(out, header.getKey(), "header name");
            Wire.writeStr16(out, header.getValue(), "header value");
        }
    }

    private static void document(Message msg, Codec codec, ByteBuf out) {
        try (OutputStream stream = new ByteBufOutputStream(out)) {
            codec.mapper().writeValue(stream, msg);
        } catch (IOException e) {
            throw new ProtocolException(
                    ErrorCode.INTERNAL, "cannot encode " + msg.frameType() + ": " + e.getMessage(), false, 0, e);
        }
    }

    private static int sizeHint(Message msg) {
        if (msg instanceof Deliver d) {
            return 24
                    + d.alias().length() * 3
                    + d.method().length() * 3
                    + d.meta().wireSize()
                    + (d.xid() == null ? 0 : 134)
                    + d.payload().length;
        }
        if (msg instanceof Result r) {
            return 20 + r.message().length() * 3 + r.payload().length;
        }
        if (msg instanceof Reply r) {
            return 28 + r.message().length() * 3 + r.payload().length;
        }
        return msg.frameType().layout() == FrameType.Layout.FIXED ? 13 : 256;
    }
}
