package io.switchboard.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per line: {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread},
 * {@code id} (the message's leading {@code SWBnnnn}, when it has one), {@code message} (without the id) and
 * {@code exception} (the stack trace, when there is one).
 *
 * <p>Not logback's own {@code JsonEncoder}: that one (1.5) writes a fixed set of fields, cannot lift the id to a
 * field of its own and nests the exception as an object per frame; log collectors want flat, named fields.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern ID = Pattern.compile("^(SWB\\d{4}) ");
    private static final byte[] NO_BYTES = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(
                    "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            String message = event.getFormattedMessage();
            Matcher id = ID.matcher(message == null ? "" : message);
            if (id.find()) {
                json.writeStringField("id", id.group(1));
                message = message.substring(id.end());
            }
            json.writeStringField("message", message);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }
}
