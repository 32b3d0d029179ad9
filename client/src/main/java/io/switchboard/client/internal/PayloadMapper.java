package io.switchboard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardException;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Deliver;
import java.io.IOException;

/**
 * Maps application values to payload bytes of one codec and back. Knows the special cases: null and
 * {@code Void} mean an empty payload, {@link RawPayload} passes bytes through untouched.
 */
public final class PayloadMapper {

    private final Codec codec;
    private final ObjectMapper mapper;

    private PayloadMapper(Codec codec, ObjectMapper mapper) {
        this.codec = codec;
        this.mapper = mapper;
    }

    /**
     * A mapper for {@code codec}; {@code template} (may be null) lends its configuration and is re-bound to
     * the codec's format when its own format differs.
     */
    public static PayloadMapper create(Codec codec, ObjectMapper template) {
        if (template == null) {
            return new PayloadMapper(codec, plain(codec));
        }
        String wanted = codec.factory().getFormatName();
        if (wanted.equals(template.getFactory().getFormatName())) {
            return new PayloadMapper(codec, template);
        }
        // A fresh factory: copyWith binds the factory to the new mapper, so never hand it a shared one.
        return new PayloadMapper(codec, template.copyWith(codec.factory().copy()));
    }

    private static ObjectMapper plain(Codec codec) {
        switch (codec) {
            case CBOR:
                return new CBORMapper();
            case SMILE:
                return new SmileMapper();
            default:
                return new JsonMapper();
        }
    }

    public Codec codec() {
        return codec;
    }

    public byte[] encode(Object value) {
        if (value == null) {
            return Deliver.NO_PAYLOAD;
        }
        if (value instanceof RawPayload raw) {
            return raw.bytes();
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SwitchboardException("cannot encode " + value.getClass().getName() + " as "
                    + codec.wireName() + ": " + e.getMessage(), e);
        }
    }

    public <T> T decode(byte[] payload, Class<T> type) {
        if (type == RawPayload.class) {
            return type.cast(RawPayload.of(payload));
        }
        if (type == Void.class || type == void.class || payload.length == 0) {
            return null;
        }
        try {
            return mapper.readValue(payload, type);
        } catch (IOException e) {
            throw new SwitchboardException("cannot decode a " + codec.wireName() + " payload of " + payload.length
                    + " bytes as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    public JsonNode tree(byte[] payload) {
        if (payload.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new SwitchboardException("payload is not valid " + codec.wireName() + ": " + e.getMessage(), e);
        }
    }
}
