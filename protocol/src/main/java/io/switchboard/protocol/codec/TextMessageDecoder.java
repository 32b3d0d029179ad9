package io.switchboard.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Xid;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one text-mode line, a JSON object with a "type" field, into a {@link Message}. Blank lines are
 * skipped. The "payload" of a deliver or result may be any JSON value and is kept as its JSON bytes.
 */
public final class TextMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    /** Numbers read exactly (W10): a payload's {@code 1e400} or {@code 0.1000000000000000000001} stays that number. */
    private static final ObjectMapper JSON = io.switchboard.protocol.PayloadTranscoder.exactJson();

    public TextMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        Message message = decode(line);
        if (message != null) {
            out.add(message);
        }
    }

    /** @return the message, or null for a blank line */
    public static Message decode(ByteBuf line) {
        if (isBlank(line)) {
            return null;
        }
        JsonNode tree;
        try (InputStream stream = new ByteBufInputStream(line)) {
            tree = JSON.readTree(stream);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "line is not JSON: " + Documents.reason(e), false, 0, e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "line must be a JSON object with a \"type\" field");
        }
        JsonNode typeNode = object.remove("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "line has no \"type\" field");
        }
        FrameType type = FrameType.fromTextName(typeNode.asText());
        if (type == null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "unknown type \"" + typeNode.asText() + "\"");
        }
        return switch (type) {
            case DELIVER -> deliver(object);
            case RESULT -> result(object);
            case REPLY -> reply(object);
            case FETCH -> fetch(object);
            case PING, PONG, TICKET -> {
                Ids.normalise(object, type.textName());
                yield document(object, type);
            }
            default -> document(object, type);
        };
    }

    private static Deliver deliver(ObjectNode node) {
        long id = requiredId(node, "deliver");
        try {
            String alias = requiredText(node, "alias", "deliver");
            String method = requiredText(node, "method", "deliver");
            long timeoutMs = optionalNonNegative(node, "timeout_ms", "deliver");
            boolean async = flag(node, "async");
            boolean all = flag(node, "all");
            Xid xid = xid(node);
            if (xid != null && (!async || all)) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST,
                        "deliver \"xid\" needs \"async\": true and no \"all\": only async calls join a branch");
            }
            return new Deliver(id, alias, method, timeoutMs, meta(node), payload(node), async, all, null, xid);
        } catch (ProtocolException e) {
            throw new ProtocolException(e.code(), e.getMessage(), false, id, e);
        }
    }

    /** The optional {@code "xid"} object of a deliver line: {@code format_id}, hex {@code gtrid} and {@code bqual}. */
    private static Xid xid(ObjectNode node) {
        JsonNode xid = node.get("xid");
        if (xid == null || xid.isNull()) {
            return null;
        }
        if (!xid.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "deliver \"xid\" must be an object");
        }
        JsonNode formatId = xid.get("format_id");
        if (formatId == null || !formatId.isInt()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "deliver \"xid.format_id\" must be a whole number (32 bits)");
        }
        JsonNode gtrid = xid.get("gtrid");
        JsonNode bqual = xid.get("bqual");
        if (gtrid == null || !gtrid.isTextual() || bqual != null && !bqual.isNull() && !bqual.isTextual()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "deliver \"xid.gtrid\" and \"xid.bqual\" must be strings of hex digits");
        }
        try {
            return new Xid(formatId.intValue(), gtrid.asText(), bqual == null || bqual.isNull() ? "" : bqual.asText());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "deliver " + e.getMessage());
        }
    }

    /** An optional boolean of a deliver line ({@code "async"}, {@code "all"}); absent or null is false. */
    private static boolean flag(ObjectNode node, String name) {
        JsonNode flag = node.get(name);
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (!flag.isBoolean()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "deliver \"" + name + "\" must be true or false");
        }
        return flag.booleanValue();
    }

    /** The optional {@code "caller"} string and {@code "headers"} object of strings of a deliver line. */
    private static CallMeta meta(ObjectNode node) {
        JsonNode callerNode = node.get("caller");
        JsonNode headersNode = node.get("headers");
        boolean noCaller = callerNode == null || callerNode.isNull();
        boolean noHeaders = headersNode == null || headersNode.isNull();
        if (noCaller && noHeaders) {
            return CallMeta.NONE;
        }
        if (!noCaller && !callerNode.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "deliver \"caller\" must be a string");
        }
        if (!noHeaders && !headersNode.isObject()) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "deliver \"headers\" must be an object of strings, like {\"name\":\"value\"}");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (!noHeaders) {
            for (Map.Entry<String, JsonNode> header : headersNode.properties()) {
                if (!header.getValue().isTextual()) {
                    throw new ProtocolException(
                            ErrorCode.BAD_REQUEST,
                            "deliver header \"" + header.getKey() + "\" must have a string value");
                }
                headers.put(header.getKey(), header.getValue().asText());
            }
        }
        try {
            return CallMeta.of(noCaller ? null : callerNode.asText(), headers);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "deliver " + e.getMessage());
        }
    }

    private static Result result(ObjectNode node) {
        long id = requiredId(node, "result");
        try {
            return outcome(node, id, "result");
        } catch (ProtocolException e) {
            // The id was readable: the call this RESULT answers need not wait for its deadline.
            throw ProtocolException.inResult(e, id);
        }
    }

    private static Reply reply(ObjectNode node) {
        long id = requiredId(node, "reply");
        long publisher = Ids.read(node, "publisher", "reply");
        Result outcome = outcome(node, id, "reply");
        return new Reply(id, publisher, outcome.code(), outcome.message(), outcome.payload());
    }

    /** The code, message and payload of a RESULT or REPLY line. */
    private static Result outcome(ObjectNode node, long id, String type) {
        String codeName = requiredText(node, "code", type);
        ResultCode code;
        try {
            code = ResultCode.fromWireName(codeName);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type + " has " + e.getMessage());
        }
        JsonNode message = node.get("message");
        if (message != null && !message.isNull() && !message.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type + " \"message\" must be a string");
        }
        return new Result(id, code, message == null || message.isNull() ? "" : message.asText(), payload(node));
    }

    private static Message document(ObjectNode node, FrameType type) {
        return Documents.toMessage(JSON, node, type, true, mapper -> mapper.treeToValue(node, type.messageClass()));
    }

    /** A FETCH is answered by a RESULT under its req, so a malformed one with a usable req gets that RESULT. */
    private static Message fetch(ObjectNode node) {
        long req = Requests.req(node.get("req"), "fetch");
        try {
            return document(node, FrameType.FETCH);
        } catch (ProtocolException e) {
            throw new ProtocolException(e.code(), e.getMessage(), false, req, e);
        }
    }

    private static byte[] payload(ObjectNode node) {
        JsonNode payload = node.get("payload");
        if (payload == null || payload.isMissingNode()) {
            return Deliver.NO_PAYLOAD;
        }
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload cannot be re-encoded: " + e.getMessage());
        }
    }

    private static long requiredId(ObjectNode node, String type) {
        return Ids.read(node, "id", type);
    }

    private static String requiredText(ObjectNode node, String field, String type) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type + " needs a string \"" + field + "\"");
        }
        return value.asText();
    }

    private static long optionalNonNegative(ObjectNode node, String field, String type) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    type + " \"" + field + "\" must be a whole number of milliseconds, 0 or more");
        }
        return value.asLong();
    }

    private static boolean isBlank(ByteBuf line) {
        for (int i = line.readerIndex(); i < line.writerIndex(); i++) {
            byte b = line.getByte(i);
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
