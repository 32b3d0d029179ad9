package io.switchboard.codec.xml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.XmlNameProcessors;
import com.fasterxml.jackson.dataformat.xml.deser.FromXmlParser;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.switchboard.protocol.spi.CodecProvider;
import java.io.IOException;

/**
 * The codec {@code xml}: documents are what Jackson's {@link XmlMapper} writes and reads. One root element, whose
 * name is not significant; object fields are child elements; an array is its field's element repeated once per item.
 * XML has text only, so payloads transcoded from XML carry numbers and booleans as strings (docs/protocol.md,
 * "XML payloads", lists every difference).
 */
public final class XmlCodecProvider implements CodecProvider {

    /** The root element of a payload the server writes (transcoded from another codec). */
    static final String ROOT = "payload";
    /** The element of each item of an array written as a whole payload. */
    static final String ITEM = "item";

    @Override
    public String wireName() {
        return "xml";
    }

    @Override
    public MapperBuilder<?, ?> newMapperBuilder() {
        return XmlMapper.builder()
                // A name that is no XML name (a metadata key with a space, say) travels base64-encoded, both ways.
                .xmlNameProcessor(XmlNameProcessors.newBase64Processor())
                .enable(ToXmlGenerator.Feature.WRITE_NULLS_AS_XSI_NIL)
                .enable(FromXmlParser.Feature.PROCESS_XSI_NIL);
    }

    /** An XML document has one root element, not a stream of JSON tokens: payloads map as whole documents. */
    @Override
    public boolean streamsTokens() {
        return false;
    }

    /** XML values are text: a control document's {@code <req>7</req>} is the number 7. */
    @Override
    public boolean typesScalars() {
        return false;
    }

    /**
     * The root element as a value: its children as an object, or its text as a string ({@code <payload>hi</payload>}
     * is {@code "hi"}), or null for {@code xsi:nil="true"}.
     */
    @Override
    public JsonNode readPayload(ObjectMapper mapper, byte[] payload) throws IOException {
        // One root element: anything after it (a second root) is not one document.
        JsonNode root = mapper.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(payload);
        if (root == null || root.isMissingNode()) {
            throw new IOException("no root element");
        }
        // Jackson reads an element holding only text as {"": text}.
        if (root instanceof ObjectNode object && object.size() == 1 && object.has("")) {
            return object.get("");
        }
        return root;
    }

    /** A value as {@code <payload>...</payload>}; an array as the {@code <item>} children of the root. */
    @Override
    public byte[] writePayload(ObjectMapper mapper, JsonNode value) throws IOException {
        JsonNode document = value;
        if (value.isArray()) {
            ObjectNode items = JsonNodeFactory.instance.objectNode();
            items.set(ITEM, value);
            document = items;
        }
        return mapper.writer().withRootName(ROOT).writeValueAsBytes(document);
    }
}
