package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A call delivered to one of this client's publications. */
public interface IncomingCall {

    /** The session called. */
    String alias();

    /** The method called. */
    String method();

    /**
     * The caller's client name, as the server reports it (the name its HELLO gave; a caller cannot choose another
     * per call); empty when the server sent none.
     */
    String caller();

    /** The headers the caller sent with this call, unmodifiable, in the order sent; empty when there are none. */
    Map<String, String> headers();

    /** When the caller stops waiting; work finished later is wasted. */
    Instant deadline();

    /** Time left until {@link #deadline()}; zero or negative once it has passed. */
    Duration remaining();

    /** The argument as it arrived, encoded in this connection's codec; empty when the caller sent none. */
    byte[] payload();

    /** The argument mapped to {@code type} (POJO, record, {@code JsonNode}, {@code byte[]}, {@link RawPayload}). */
    <T> T payloadAs(Class<T> type);

    /**
     * The argument mapped to any type, generic ones included, e.g. {@code List<Item>} from
     * {@code new TypeReference<List<Item>>() {}.getType()} or a method parameter's generic type. Resolved with
     * the connection's {@code ObjectMapper}; fails the way {@link #payloadAs(Class)} does.
     */
    <T> T payloadAs(Type type);

    /** The argument as a tree; a {@code MissingNode} when there is none. */
    JsonNode payloadTree();
}
