package io.switchboard.protocol.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import java.io.IOException;

/**
 * A codec beyond the built-in JSON, CBOR and Smile, found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.switchboard.protocol.spi.CodecProvider} file naming the implementation) through the
 * class loader of the protocol classes. A provider supplies a Jackson format; the protocol configures the mapper it
 * builds for control documents (snake_case names, nulls left out, unknown fields ignored).
 *
 * <p>Payloads are transcoded between codecs token by token. A format whose documents do not map token for token onto
 * the JSON data model (XML: one root element, no native arrays or types) says so with {@link #streamsTokens()} and
 * maps whole documents with {@link #readPayload} and {@link #writePayload} instead.
 */
public interface CodecProvider {

    /** The name offered in HELLO and chosen in WELCOME: lower case, unique among the installed codecs. */
    String wireName();

    /** A new builder of this format's mapper; called once for the protocol and once per application mapper. */
    MapperBuilder<?, ?> newMapperBuilder();

    /**
     * Whether the format carries the type of a scalar (number, boolean, string) itself, as JSON does. XML does not:
     * all its values are text, so control documents in it are read with each text converted to its field's type, and
     * only text that does not convert is refused.
     */
    default boolean typesScalars() {
        return true;
    }

    /** Whether a payload can be copied token by token into another format (true for JSON-like formats). */
    default boolean streamsTokens() {
        return true;
    }

    /**
     * Reads one payload document into the JSON data model; used when {@link #streamsTokens()} is false.
     *
     * @param mapper this codec's protocol mapper
     */
    default JsonNode readPayload(ObjectMapper mapper, byte[] payload) throws IOException {
        return mapper.readTree(payload);
    }

    /**
     * Writes a value of the JSON data model as one payload document; used when {@link #streamsTokens()} is false.
     *
     * @param mapper this codec's protocol mapper
     */
    default byte[] writePayload(ObjectMapper mapper, JsonNode value) throws IOException {
        return mapper.writeValueAsBytes(value);
    }
}
