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
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import io.switchboard.protocol.spi.CodecProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A document format negotiated per connection. Control documents and call payloads of a connection are encoded with
 * its codec. HELLO and WELCOME are always JSON, and text mode is always JSON.
 *
 * <p>JSON, CBOR and Smile are built in; more come from {@link CodecProvider}s on the class path (XML from the
 * {@code switchboard-codec-xml} module). One instance per codec, so codecs compare with {@code ==}.
 */
public final class Codec {

    // The protocol module has no logging dependency; the JDK's platform logger reaches SLF4J where it is bridged.
    private static final System.Logger log = System.getLogger(Codec.class.getName());

    public static final Codec JSON = new Codec(new BuiltIn("json", JsonMapper::builder));
    public static final Codec CBOR = new Codec(new BuiltIn("cbor", CBORMapper::builder));
    public static final Codec SMILE = new Codec(new BuiltIn("smile", SmileMapper::builder));

    /** Built-ins first, then the providers found, in class path order; a name already taken is skipped. */
    private static final List<Codec> INSTALLED = install();

    private final CodecProvider provider;
    private final String wireName;
    private final ObjectMapper mapper;

    private Codec(CodecProvider provider) {
        this.provider = provider;
        this.wireName = provider.wireName().trim().toLowerCase(Locale.ROOT);
        this.mapper = protocolMapper(provider.newMapperBuilder(), provider.typesScalars());
    }

    private static ObjectMapper protocolMapper(MapperBuilder<?, ?> builder, boolean typesScalars) {
        builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // Newer peers may add fields; older ones ignore what they do not know.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        if (typesScalars) {
            // A field of the wrong type is refused, not converted: "1" is no version, 5 is no client name. (A format
            // whose values are all text, XML, must convert them.)
            builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .withCoercionConfig(
                            LogicalType.Textual,
                            strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        }
        return builder.build();
    }

    /** Whether payloads and documents map token for token onto the JSON model ({@link CodecProvider#streamsTokens()}). */
    public boolean streamsTokens() {
        return provider.streamsTokens();
    }

    /** Whether this format types its scalars itself ({@link CodecProvider#typesScalars()}). */
    public boolean typesScalars() {
        return provider.typesScalars();
    }

    private static List<Codec> install() {
        List<Codec> codecs = new ArrayList<>(List.of(JSON, CBOR, SMILE));
        ServiceLoader<CodecProvider> loader = ServiceLoader.load(CodecProvider.class, Codec.class.getClassLoader());
        for (CodecProvider provider : loader) {
            String name = provider.wireName().trim().toLowerCase(Locale.ROOT);
            if (codecs.stream().anyMatch(c -> c.wireName.equals(name))) {
                log.log(
                        System.Logger.Level.WARNING,
                        "codec provider " + provider.getClass().getName() + " ignored: the codec '" + name
                                + "' is already installed");
                continue;
            }
            codecs.add(new Codec(provider));
        }
        return Collections.unmodifiableList(codecs);
    }

    public String wireName() {
        return wireName;
    }

    /** The wire name in upper case, as the constant is spelt ({@code JSON}); kept from when codecs were an enum. */
    public String name() {
        return wireName.toUpperCase(Locale.ROOT);
    }

    /**
     * The mapper for protocol documents (snake_case names, nulls left out). Applications map their own payloads with
     * their own mapper built on {@link #newMapperBuilder()}.
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The streaming factory of this format. */
    public JsonFactory factory() {
        return mapper.getFactory();
    }

    /** A new, unconfigured builder of this format's mapper, for application payload mappers. */
    public MapperBuilder<?, ?> newMapperBuilder() {
        return provider.newMapperBuilder();
    }

    /** The provider behind this codec (payload mapping for formats that are not token streams). */
    CodecProvider provider() {
        return provider;
    }

    /** Every installed codec: JSON, CBOR, Smile, then those of the {@link CodecProvider}s found. */
    public static List<Codec> values() {
        return INSTALLED;
    }

    public static Optional<Codec> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Codec codec : INSTALLED) {
            if (codec.wireName.equals(wanted)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /**
     * The installed codec of that name, in any case ({@code "CBOR"}, {@code "xml"}).
     *
     * @throws IllegalArgumentException when no such codec is installed
     */
    public static Codec valueOf(String name) {
        return forName(name)
                .orElseThrow(() ->
                        new IllegalArgumentException("no codec '" + name + "' is installed; installed are " + names()));
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

    /** The wire names of the installed codecs. */
    public static List<String> names() {
        return INSTALLED.stream().map(Codec::wireName).toList();
    }

    @Override
    public String toString() {
        return name();
    }

    private record BuiltIn(String wireName, java.util.function.Supplier<MapperBuilder<?, ?>> builders)
            implements CodecProvider {
        @Override
        public MapperBuilder<?, ?> newMapperBuilder() {
            return builders.get();
        }
    }
}
