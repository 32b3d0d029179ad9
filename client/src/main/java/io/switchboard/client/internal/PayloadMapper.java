package io.switchboard.client.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardException;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Deliver;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.function.Consumer;

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

    /** A plain mapper for {@code codec}. */
    public static PayloadMapper create(Codec codec, ObjectMapper mapper) {
        return create(codec, mapper, null);
    }

    /**
     * The mapper for {@code codec}: {@code mapper} when its format is the codec's, otherwise a new mapper of
     * the codec built with {@code customizer} (may be null) applied to its builder.
     */
    public static PayloadMapper create(Codec codec, ObjectMapper mapper, Consumer<MapperBuilder<?, ?>> customizer) {
        if (mapper != null
                && codec.factory().getFormatName().equals(mapper.getFactory().getFormatName())) {
            return new PayloadMapper(codec, mapper);
        }
        MapperBuilder<?, ?> builder = codec.newMapperBuilder();
        if (customizer != null) {
            customizer.accept(builder);
        }
        return new PayloadMapper(codec, builder.build());
    }

    public Codec codec() {
        return codec;
    }

    public byte[] encode(Object value) {
        if (value == null || value instanceof MissingNode) {
            // A MissingNode is what payloadTree() gives for "no payload": echo it as no payload.
            return Deliver.NO_PAYLOAD;
        }
        if (value instanceof RawPayload raw) {
            return raw.bytes();
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SwitchboardException(
                    "cannot encode " + value.getClass().getName() + " as " + codec.wireName() + ": " + e.getMessage(),
                    e);
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
            throw new SwitchboardException(
                    "cannot decode a " + codec.wireName() + " payload of " + payload.length + " bytes as "
                            + type.getName() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * As {@link #decode(byte[], Class)} for any type, generic ones such as {@code List<Item>} included (resolved
     * by the mapper's {@code TypeFactory}). A plain class takes the same path as the {@code Class} overload.
     */
    public <T> T decode(byte[] payload, Type type) {
        Objects.requireNonNull(type, "type");
        if (type instanceof Class<?> plain) {
            @SuppressWarnings("unchecked") // the caller chose T to match the type it passed
            T value = (T) decode(payload, plain);
            return value;
        }
        if (payload.length == 0) {
            return null;
        }
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        try {
            return mapper.readValue(payload, javaType);
        } catch (IOException e) {
            throw new SwitchboardException(
                    "cannot decode a " + codec.wireName() + " payload of " + payload.length + " bytes as "
                            + type.getTypeName() + ": " + e.getMessage(),
                    e);
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
