package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.lang.reflect.Method;

/** A general-listener test bean: answers every method of its session in onCall. */
public class Greeter implements SessionListener {

    @Override
    public Object onCall(Call call) throws Exception {
        switch (call.method()) {
            case "greet":
                return "hello " + call.payloadAs(String.class);
            case "refuse":
                throw new Exception("not today");
            default:
                return call.payloadTree();
        }
    }

    /** The container's proxy for this bean. */
    public static class Endpoint extends Greeter implements MessageEndpoint {
        private final EndpointLifecycle lifecycle;

        Endpoint(EndpointLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public void beforeDelivery(Method method) {
            lifecycle.before(method);
        }

        @Override
        public void afterDelivery() {
            lifecycle.after();
        }

        @Override
        public void release() {
            lifecycle.release();
        }
    }
}
