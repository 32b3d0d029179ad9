package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.IncomingCall;
import io.switchboard.jca.api.inbound.Call;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The API's view of a call the client received: the shaded client types stay inside the adapter. */
final class CallView implements Call {

    private final IncomingCall call;

    CallView(IncomingCall call) {
        this.call = call;
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
        return call.toString();
    }
}
