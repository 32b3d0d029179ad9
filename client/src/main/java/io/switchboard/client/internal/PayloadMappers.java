package io.switchboard.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import io.switchboard.protocol.Codec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** One {@link PayloadMapper} per installed codec, built once per client (mappers are costly to create, cheap to share). */
public final class PayloadMappers {

    private final Map<Codec, PayloadMapper> byCodec = new HashMap<>();

    public PayloadMappers(ObjectMapper mapper, Consumer<MapperBuilder<?, ?>> customizer) {
        for (Codec codec : Codec.values()) {
            byCodec.put(codec, PayloadMapper.create(codec, mapper, customizer));
        }
    }

    public PayloadMapper forCodec(Codec codec) {
        return byCodec.get(codec);
    }
}
