package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A document format negotiated per connection. Control documents and call payloads of a connection
 * are encoded with its codec. HELLO and WELCOME are always JSON, and text mode is always JSON.
 */
public enum Codec {
    JSON("json", JsonMapper.builder()),
    CBOR("cbor", CBORMapper.builder()),
    SMILE("smile", SmileMapper.builder());

    private final String wireName;
    private final ObjectMapper mapper;

    Codec(String wireName, com.fasterxml.jackson.databind.cfg.MapperBuilder<?, ?> builder) {
        this.wireName = wireName;
        this.mapper = builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // Newer peers may add fields; older ones ignore what they do not know.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A field of the wrong type is refused, not converted: "1" is no version, 5 is no client name.
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The mapper for protocol documents (snake_case names, nulls left out). Applications map their own
     * payloads with their own mapper built on {@link #factory()}.
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The streaming factory of this format. */
    public JsonFactory factory() {
        return mapper.getFactory();
    }

    public static Optional<Codec> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Codec codec : values()) {
            if (codec.wireName.equals(wanted)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The first codec of the client's list, in the client's order of preference, that this side knows. */
    public static Optional<Codec> choose(List<String> offered) {
        if (offered == null || offered.isEmpty()) {
            return Optional.of(JSON);
        }
        for (String name : offered) {
            Optional<Codec> codec = forName(name);
            if (codec.isPresent()) {
                return codec;
            }
        }
        return Optional.empty();
    }

    public static List<String> names() {
        return List.of(JSON.wireName, CBOR.wireName, SMILE.wireName);
    }
}
