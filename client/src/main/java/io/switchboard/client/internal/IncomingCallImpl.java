package io.switchboard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.IncomingCall;
import io.switchboard.protocol.message.Deliver;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A delivered call as the handler sees it; the deadline is taken from the DELIVER's timeout on arrival. */
final class IncomingCallImpl implements IncomingCall {

    private final Deliver deliver;
    private final Connection connection;
    private final PayloadMapper payloads;
    private final long deadlineNanos;

    IncomingCallImpl(Deliver deliver, Connection connection, long receivedNanos) {
        this.deliver = deliver;
        this.connection = connection;
        this.payloads = connection.payloads();
        this.deadlineNanos = receivedNanos + deliver.timeoutMs() * 1_000_000L;
    }

    /** The connection the call came on, which its RESULT goes back on. */
    Connection connection() {
        return connection;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    long id() {
        return deliver.id();
    }

    @Override
    public String alias() {
        return deliver.alias();
    }

    @Override
    public String method() {
        return deliver.method();
    }

    @Override
    public String caller() {
        return deliver.meta().caller();
    }

    @Override
    public Map<String, String> headers() {
        return deliver.meta().headers();
    }

    @Override
    public Instant deadline() {
        // Derived when asked (most handlers never do): wall clock now plus what is left of the monotonic deadline.
        return Instant.now().plusNanos(deadlineNanos - System.nanoTime());
    }

    @Override
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    @Override
    public byte[] payload() {
        return deliver.payload();
    }

    @Override
    public <T> T payloadAs(Class<T> type) {
        return payloads.decode(deliver.payload(), type);
    }

    @Override
    public <T> T payloadAs(Type type) {
        return payloads.decode(deliver.payload(), type);
    }

    @Override
    public JsonNode payloadTree() {
        return payloads.tree(deliver.payload());
    }

    @Override
    public String toString() {
        return "IncomingCall[" + deliver.alias() + "." + deliver.method() + ", id=" + deliver.id() + "]";
    }
}
