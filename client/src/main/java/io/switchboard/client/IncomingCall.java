package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** A call delivered to one of this client's publications. */
public interface IncomingCall {

    /** The session called. */
    String alias();

    /** The method called. */
    String method();

    /** When the caller stops waiting; work finished later is wasted. */
    Instant deadline();

    /** Time left until {@link #deadline()}; zero or negative once it has passed. */
    Duration remaining();

    /** The argument as it arrived, encoded in this connection's codec; empty when the caller sent none. */
    byte[] payload();

    /** The argument mapped to {@code type} (POJO, record, {@code JsonNode}, {@code byte[]}, {@link RawPayload}). */
    <T> T payloadAs(Class<T> type);

    /** The argument as a tree; a {@code MissingNode} when there is none. */
    JsonNode payloadTree();
}
