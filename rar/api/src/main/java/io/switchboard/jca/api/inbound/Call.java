package io.switchboard.jca.api.inbound;

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

    /**
     * The argument as plain Java values: a {@code Map<String, Object>} for an object, a {@code List<Object>} for
     * an array, a {@code String}, {@code Number}, {@code Boolean} or {@code byte[]}; {@code null} when there is none.
     * The adapter's Jackson is its own, relocated copy, so the API names no Jackson type.
     */
    Object payloadValue();

    /**
     * The argument mapped to {@code type} with the adapter's own (relocated) Jackson; {@code null} when there is
     * none. Records and JavaBeans map by their component and property names; the application's Jackson
     * annotations ({@code @JsonProperty} and the like) are not seen by the relocated copy.
     */
    <T> T payloadAs(Class<T> type);

    /** The argument mapped to a generic {@code type} such as {@code List<Item>}; {@code null} when there is none. */
    <T> T payloadAs(Type type);

    /**
     * How many times this call has reached the bean: 1 the first time, more when a transacted delivery rolled back
     * and the adapter delivered the call again (a {@code hold} session with {@code maxRedeliveries}); as JMS's
     * {@code JMSXDeliveryCount}.
     */
    default int deliveryCount() {
        return 1;
    }
}
