package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.SessionListener;

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
                return call.payloadValue();
        }
    }

    /** The container's proxy for this bean. */
    public static class Endpoint extends Greeter implements LifecycleEndpoint {
        private final EndpointLifecycle lifecycle;

        Endpoint(EndpointLifecycle lifecycle) {
            this.lifecycle = lifecycle;
        }

        @Override
        public EndpointLifecycle lifecycle() {
            return lifecycle;
        }
    }
}
