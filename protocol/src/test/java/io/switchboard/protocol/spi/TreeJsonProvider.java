package io.switchboard.protocol.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A test plug-in found through META-INF/services: JSON under another name, mapped as whole documents. Every document
 * it writes is wrapped in {"doc": ...}, so a test can tell its path from the token-stream one.
 */
public final class TreeJsonProvider implements CodecProvider {

    @Override
    public String wireName() {
        return "Tree-JSON";
    }

    @Override
    public MapperBuilder<?, ?> newMapperBuilder() {
        return JsonMapper.builder();
    }

    @Override
    public boolean streamsTokens() {
        return false;
    }

    @Override
    public JsonNode readPayload(ObjectMapper mapper, byte[] payload) throws IOException {
        JsonNode doc = mapper.readTree(payload).get("doc");
        if (doc == null) {
            throw new IOException("no \"doc\" field");
        }
        return doc;
    }

    @Override
    public byte[] writePayload(ObjectMapper mapper, JsonNode value) throws IOException {
        ObjectNode wrapped = mapper.createObjectNode();
        wrapped.set("doc", value);
        return mapper.writeValueAsBytes(wrapped);
    }
}
