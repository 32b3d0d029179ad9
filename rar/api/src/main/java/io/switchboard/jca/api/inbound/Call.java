package io.switchboard.jca.api.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One call delivered to a message-driven bean: what was called, by whom, until when, and with what. */
public interface Call {

    /** The session called. */
    String alias();

    /** The method called. */
    String method();

    /** The caller's client name, as the Switchboard server reports it (callers cannot choose another's). */
    String caller();

    /** Headers the caller attached to the call; empty when none. */
    Map<String, String> headers();

    /** When the caller stops waiting: work finished later is wasted. */
    Instant deadline();

    /** Time left until {@link #deadline()}; zero or negative once it has passed. */
    Duration remaining();

    /** The argument as it arrived, in the connection's codec (CBOR by default); empty when there is none. */
    byte[] payload();

    /** The argument as a tree; a {@code MissingNode} when there is none. */
    JsonNode payloadTree();

    /** The argument mapped to {@code type} with Jackson; {@code null} when there is none. */
    <T> T payloadAs(Class<T> type);

    /** The argument mapped to a generic {@code type} such as {@code List<Item>}; {@code null} when there is none. */
    <T> T payloadAs(Type type);
}
