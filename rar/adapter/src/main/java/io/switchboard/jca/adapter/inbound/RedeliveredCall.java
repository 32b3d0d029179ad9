package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A call delivered again after its transaction rolled back: the same call, with its delivery count. */
final class RedeliveredCall implements Call {

    private final Call call;
    private final int deliveryCount;

    RedeliveredCall(Call call, int deliveryCount) {
        this.call = call;
        this.deliveryCount = deliveryCount;
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
        return call.payloadValue();
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
        return call + " (delivery " + deliveryCount + ")";
    }
}
