package io.switchboard.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one binary frame (type byte and body, as cut by {@link BinaryFrameDecoder}) into a {@link Message}.
 * A malformed frame raises a non-fatal {@link ProtocolException}: framing is intact, so the connection can
 * go on after the peer is told.
 */
public final class BinaryMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private final ConnectionCodec codec;
    private final Deflate inflater = new Deflate();

    public BinaryMessageDecoder(ConnectionCodec codec) {
        super(ByteBuf.class);
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decode(frame, codec.get(), codec.compression(), inflater));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        inflater.close();
        super.handlerRemoved(ctx);
    }

    /** Decodes one frame of a connection without compression; visible for tests and for peers that cut frames. */
    public static Message decode(ByteBuf frame, Codec codec) {
        return decode(frame, codec, null, null);
    }

    /**
     * Decodes one frame, inflating a compressed payload.
     *
     * @param compression what the handshake agreed, or null for none (a compressed payload is then bad-request)
     * @param inflater    inflates payloads flagged DEFLATED; only used when {@code compression} is not null
     */
    public static Message decode(ByteBuf frame, Codec codec, Compression compression, Deflate inflater) {
        if (!frame.isReadable()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "empty frame: a frame needs at least its type byte");
        }
        int typeByte = frame.readUnsignedByte();
        FrameType type = FrameType.fromCode(typeByte);
        if (type == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, String.format("unknown frame type 0x%02x", typeByte));
        }
        return switch (type.layout()) {
            case JSON_DOCUMENT -> document(frame, type, Codec.JSON);
            case DOCUMENT -> document(frame, type, codec);
            case FIXED -> fixed(frame, type, compression, inflater);
        };
    }

    private static Message fixed(ByteBuf in, FrameType type, Compression compression, Deflate inflater) {
        return switch (type) {
            case PING -> new Ping(exactLong(in, "PING"));
            case PONG -> new Pong(exactLong(in, "PONG"));
            case DELIVER -> deliver(in, compression, inflater);
            case RESULT -> result(in, compression, inflater);
            case REPLY -> reply(in);
            case TICKET -> ticket(in);
            case FETCH -> fetch(in);
            default -> throw new IllegalStateException("no fixed layout for " + type);
        };
    }

    private static long exactLong(ByteBuf in, String frame) {
        long id = Wire.readLong(in, frame, "id");
        if (in.isReadable()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, frame + " frame has " + in.readableBytes() + " bytes after its id");
        }
        return id;
    }

    private static Deliver deliver(ByteBuf in, Compression compression, Deflate inflater) {
        long id = Wire.readLong(in, "DELIVER", "id");
        try {
            Wire.need(in, 4, "DELIVER", "timeout_ms");
            long timeoutMs = in.readUnsignedInt();
            Wire.need(in, 1, "DELIVER", "flags");
            int flags = in.readUnsignedByte();
            int undefined = flags
                    & ~(Deliver.FLAG_META
                            | Deliver.FLAG_ASYNC
                            | Deliver.FLAG_ALL
                            | Deliver.FLAG_DEFLATED
                            | Deliver.FLAG_XID);
            if (undefined != 0) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST,
                        String.format(
                                "DELIVER flags 0x%02x: bits 0x%02x are not defined in this protocol version",
                                flags, undefined));
            }
            String alias = Wire.readStr8(in, "DELIVER", "alias");
            String method = Wire.readStr8(in, "DELIVER", "method");
            CallMeta meta = (flags & Deliver.FLAG_META) != 0 ? meta(in) : CallMeta.NONE;
            Xid xid = (flags & Deliver.FLAG_XID) != 0 ? xid(in) : null;
            byte[] rest = Wire.readRest(in);
            boolean async = (flags & Deliver.FLAG_ASYNC) != 0;
            boolean all = (flags & Deliver.FLAG_ALL) != 0;
            if (xid != null && (!async || all)) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST,
                        "DELIVER flag XID needs flag ASYNC and not ALL: only async calls join a branch");
            }
            if ((flags & Deliver.FLAG_DEFLATED) == 0) {
                return new Deliver(id, alias, method, timeoutMs, meta, rest, async, all, null, xid);
            }
            byte[] payload = inflated(rest, compression, inflater, "DELIVER");
            return new Deliver(id, alias, method, timeoutMs, meta, payload, async, all, rest, xid);
        } catch (ProtocolException e) {
            // The id was readable, so the caller can still get its one RESULT.
            throw new ProtocolException(e.code(), e.getMessage(), false, id, e);
        }
    }

    /** {@code caller: str8 | header_count: u8 | header_count x (name: str8, value: str16)}. */
    /** {@code format_id: i32 | gtrid: u8 count + bytes | bqual: u8 count + bytes}. */
    private static Xid xid(ByteBuf in) {
        Wire.need(in, 4, "DELIVER", "xid format_id");
        int formatId = in.readInt();
        byte[] gtrid = bytes8(in, "xid gtrid");
        byte[] bqual = bytes8(in, "xid bqual");
        try {
            return Xid.of(formatId, gtrid, bqual);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "DELIVER " + e.getMessage());
        }
    }

    private static byte[] bytes8(ByteBuf in, String field) {
        Wire.need(in, 1, "DELIVER", field);
        int length = in.readUnsignedByte();
        Wire.need(in, length, "DELIVER", field);
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    private static CallMeta meta(ByteBuf in) {
        String caller = Wire.readStr8(in, "DELIVER", "caller");
        Wire.need(in, 1, "DELIVER", "header_count");
        int count = in.readUnsignedByte();
        Map<String, String> headers = count == 0 ? Map.of() : new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String name = Wire.readStr8(in, "DELIVER", "header name");
            if (name.isEmpty()) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "DELIVER header " + (i + 1) + " of " + count + " has an empty name");
            }
            String value = Wire.readStr16(in, "DELIVER", "header value");
            if (headers.put(name, value) != null) {
                // A map keeps one value per name; dropping either silently would lose what the caller sent.
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "DELIVER header '" + name + "' appears twice");
            }
        }
        try {
            return CallMeta.of(caller, headers);
        } catch (IllegalArgumentException e) {
            // Only reachable with invalid UTF-8, whose replacement characters are longer than the bytes they replace.
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "DELIVER " + e.getMessage());
        }
    }

    private static Result result(ByteBuf in, Compression compression, Deflate inflater) {
        long id = Wire.readLong(in, "RESULT", "id");
        try {
            Wire.need(in, 1, "RESULT", "code");
            int codeByte = in.readUnsignedByte();
            // The top bit means DEFLATED only where compression was agreed; elsewhere the byte is all code, as before.
            boolean deflated = compression != null && (codeByte & Result.CODE_FLAG_DEFLATED) != 0;
            int wireCode = deflated ? codeByte & ~Result.CODE_FLAG_DEFLATED : codeByte;
            ResultCode code;
            try {
                code = ResultCode.fromWireCode(wireCode);
            } catch (IllegalArgumentException e) {
                String hint = (codeByte & Result.CODE_FLAG_DEFLATED) != 0 && compression == null
                        ? " (its top bit, DEFLATED, needs compression agreed in the handshake)"
                        : "";
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "RESULT has " + e.getMessage() + hint);
            }
            String message = Wire.readStr16(in, "RESULT", "message");
            byte[] rest = Wire.readRest(in);
            if (!deflated) {
                return new Result(id, code, message, rest);
            }
            return new Result(id, code, message, inflater.inflate(rest, compression.maxInflated(), "RESULT"), rest);
        } catch (ProtocolException e) {
            // The id was readable: the call this RESULT answers need not wait for its deadline.
            throw ProtocolException.inResult(e, id);
        }
    }

    /** {@code id: u64 | publisher: u64 | code: u8 | message: str16 | payload}; its payload is never compressed. */
    private static Reply reply(ByteBuf in) {
        long id = Wire.readLong(in, "REPLY", "id");
        long publisher = Wire.readLong(in, "REPLY", "publisher");
        Wire.need(in, 1, "REPLY", "code");
        int wireCode = in.readUnsignedByte();
        ResultCode code;
        try {
            code = ResultCode.fromWireCode(wireCode);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "REPLY has " + e.getMessage());
        }
        String message = Wire.readStr16(in, "REPLY", "message");
        return new Reply(id, publisher, code, message, Wire.readRest(in));
    }

    private static byte[] inflated(byte[] compressed, Compression compression, Deflate inflater, String frame) {
        if (compression == null) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    frame + " payload is flagged DEFLATED but this connection agreed on no compression");
        }
        return inflater.inflate(compressed, compression.maxInflated(), frame);
    }

    /** {@code id: u64 | ticket: str8}, nothing after. */
    private static TicketIssued ticket(ByteBuf in) {
        long id = Wire.readLong(in, "TICKET", "id");
        String ticket = Wire.readStr8(in, "TICKET", "ticket");
        noTrailingBytes(in, "TICKET");
        try {
            return new TicketIssued(id, ticket);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    /** {@code req: u64 | wait_ms: u32 | ticket: str8}, nothing after. */
    private static Fetch fetch(ByteBuf in) {
        long req = Requests.req(Wire.readLong(in, "FETCH", "req"), "FETCH");
        try {
            Wire.need(in, 4, "FETCH", "wait_ms");
            long waitMs = in.readUnsignedInt();
            String ticket = Wire.readStr8(in, "FETCH", "ticket");
            noTrailingBytes(in, "FETCH");
            return new Fetch(req, waitMs, ticket);
        } catch (IllegalArgumentException | ProtocolException e) {
            // The req was readable: the FETCH's one RESULT (bad-request) can still reach the fetcher.
            ProtocolException problem = e instanceof ProtocolException pe
                    ? pe
                    : new ProtocolException(ErrorCode.BAD_REQUEST, e.getMessage());
            throw new ProtocolException(problem.code(), problem.getMessage(), false, req, problem);
        }
    }

    private static void noTrailingBytes(ByteBuf in, String frame) {
        if (in.isReadable()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, frame + " frame has " + in.readableBytes() + " bytes after its ticket");
        }
    }

    private static Message document(ByteBuf in, FrameType type, Codec codec) {
        if (!in.isReadable()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type.textName().toUpperCase() + " frame has no body");
        }
        JsonNode document;
        // A format that maps no token for token onto the JSON model (XML: lists wrapped in an element) is bound to
        // the message from its own bytes; its tree still serves the checks of req and required fields.
        byte[] body = codec.streamsTokens() ? null : ByteBufUtil.getBytes(in, in.readerIndex(), in.readableBytes());
        try (ByteBufInputStream stream = new ByteBufInputStream(in)) {
            document = codec.mapper().readTree((java.io.InputStream) stream);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "malformed " + type.textName().toUpperCase() + " body (" + codec.wireName() + "): "
                            + Documents.reason(e),
                    false,
                    0,
                    e);
        }
        if (document == null || document.isMissingNode()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type.textName().toUpperCase() + " frame has no body");
        }
        Documents.Binder binder = body == null
                ? mapper -> mapper.treeToValue(document, type.messageClass())
                : mapper -> mapper.readValue(body, type.messageClass());
        return Documents.toMessage(codec.mapper(), document, type, codec.typesScalars(), binder);
    }
}
