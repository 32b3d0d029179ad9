package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.IncomingCall;
import io.switchboard.jca.api.inbound.Call;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The API's view of a call the client received: the shaded client types stay inside the adapter. A call delivered
 * again after its transaction rolled back is the same call with a higher {@link #deliveryCount()}.
 */
final class CallView implements Call {

    private final IncomingCall call;
    private final int deliveryCount;

    CallView(IncomingCall call) {
        this(call, 1);
    }

    private CallView(IncomingCall call, int deliveryCount) {
        this.call = call;
        this.deliveryCount = deliveryCount;
    }

    /** The same call, for its {@code deliveryCount}-th delivery. */
    CallView delivery(int deliveryCount) {
        return deliveryCount == this.deliveryCount ? this : new CallView(call, deliveryCount);
    }

    @Override
    public int deliveryCount() {
        return deliveryCount;
    }

    @Override
    public String alias() {
        return call.alias();
    }

    @Override
    public String method() {
        return call.method();
    }

    @Override
    public String caller() {
        return call.caller();
    }

    @Override
    public Map<String, String> headers() {
        return call.headers();
    }

    @Override
    public Instant deadline() {
        return call.deadline();
    }

    @Override
    public Duration remaining() {
        return call.remaining();
    }

    @Override
    public byte[] payload() {
        return call.payload();
    }

    @Override
    public Object payloadValue() {
        return call.payloadAs(Object.class);
    }

    @Override
    public <T> T payloadAs(Class<T> type) {
        return call.payloadAs(type);
    }

    @Override
    public <T> T payloadAs(Type type) {
        return call.payloadAs(type);
    }

    @Override
    public String toString() {
        return deliveryCount == 1 ? call.toString() : call + " (delivery " + deliveryCount + ")";
    }
}
