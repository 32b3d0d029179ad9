package io.switchboard.protocol.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link Message} as one text-mode line: a JSON object whose first field is "type", then "\n".
 * Payloads must already be JSON (the server transcodes for text-mode peers) and are written as they are.
 */
@ChannelHandler.Sharable
public final class TextMessageEncoder extends MessageToByteEncoder<Message> {

    private static final ObjectMapper JSON = Codec.JSON.mapper();

    /** Lines of control documents longer than this are refused; DELIVER, RESULT, REPLY are checked before. */
    private final int maxLineLength;

    public TextMessageEncoder() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxLineLength the peer's maximum frame size, which applies to a line without its end */
    public TextMessageEncoder(int maxLineLength) {
        super(Message.class);
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Message msg, ByteBuf out) {
        int start = out.writerIndex();
        encode(msg, out);
        int length = out.writerIndex() - start - 1;
        if (length > maxLineLength && !(msg instanceof Deliver || msg instanceof Result || msg instanceof Reply)) {
            out.writerIndex(start);
            throw Oversize.of(msg, length, maxLineLength, "line");
        }
    }

    public static void encode(Message msg, ByteBuf out) {
        try (OutputStream stream = new ByteBufOutputStream(out)) {
            if (msg instanceof Deliver deliver) {
                deliver(deliver, stream);
            } else if (msg instanceof Result result) {
                result(result, stream);
            } else if (msg instanceof Reply reply) {
                reply(reply, stream);
            } else {
                document(msg, stream);
            }
            stream.write('\n');
        } catch (IOException e) {
            throw new ProtocolException(
                    ErrorCode.INTERNAL, "cannot encode " + msg.frameType() + ": " + e.getMessage(), false, 0, e);
        }
    }

    private static void document(Message msg, OutputStream stream) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("type", msg.frameType().textName());
        line.setAll((ObjectNode) JSON.valueToTree(msg));
        if (msg instanceof Ping || msg instanceof Pong || msg instanceof TicketIssued) {
            line.set("id", Ids.unsigned(line.get("id").longValue()));
        }
        JSON.writeValue(stream, line);
    }

    private static void deliver(Deliver deliver, OutputStream stream) throws IOException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(stream)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("type", "deliver");
            writeId(json, "id", deliver.id());
            json.writeStringField("alias", deliver.alias());
            json.writeStringField("method", deliver.method());
            json.writeNumberField("timeout_ms", deliver.timeoutMs());
            writeMeta(json, deliver.meta());
            if (deliver.async()) {
                json.writeBooleanField("async", true);
            }
            if (deliver.all()) {
                json.writeBooleanField("all", true);
            }
            if (deliver.xid() != null) {
                json.writeObjectFieldStart("xid");
                json.writeNumberField("format_id", deliver.xid().formatId());
                json.writeStringField("gtrid", deliver.xid().gtrid());
                json.writeStringField("bqual", deliver.xid().bqual());
                json.writeEndObject();
            }
            writePayload(json, deliver.payload());
            json.writeEndObject();
        }
    }

    private static void result(Result result, OutputStream stream) throws IOException {
        outcome("result", result.id(), null, result.code(), result.message(), result.payload(), stream);
    }

    private static void reply(Reply reply, OutputStream stream) throws IOException {
        outcome("reply", reply.id(), reply.publisher(), reply.code(), reply.message(), reply.payload(), stream);
    }

    /** A RESULT or REPLY line: {@code publisher} is written only for a REPLY. */
    private static void outcome(
            String type, long id, Long publisher, ResultCode code, String message, byte[] payload, OutputStream stream)
            throws IOException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(stream)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("type", type);
            writeId(json, "id", id);
            if (publisher != null) {
                writeId(json, "publisher", publisher);
            }
            json.writeStringField("code", code.wireName());
            if (!message.isEmpty()) {
                json.writeStringField("message", message);
            }
            writePayload(json, payload);
            json.writeEndObject();
        }
    }

    /** Ids are u64: a {@code long} from 2^63 on is written as the unsigned number it holds. */
    private static void writeId(JsonGenerator json, String field, long id) throws IOException {
        json.writeFieldName(field);
        if (id >= 0) {
            json.writeNumber(id);
        } else {
            json.writeNumber(Long.toUnsignedString(id));
        }
    }

    private static void writeMeta(JsonGenerator json, CallMeta meta) throws IOException {
        if (!meta.caller().isEmpty()) {
            json.writeStringField("caller", meta.caller());
        }
        if (!meta.headers().isEmpty()) {
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : meta.headers().entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
        }
    }

    private static void writePayload(JsonGenerator json, byte[] payload) throws IOException {
        if (payload.length > 0) {
            json.writeFieldName("payload");
            json.writeRawValue(new String(payload, StandardCharsets.UTF_8));
        }
    }
}
