package io.switchboard.server.held;

import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.SessionDefinition;

/**
 * A kept {@code hold} session as a destination: while nobody publishes it, or while calls wait ahead, its calls are
 * held (durably, in arrival order) until a publisher can take them.
 */
final class HeldSession implements Destination {

    final SessionDefinition definition;
    private final HeldCalls calls;

    HeldSession(SessionDefinition definition, HeldCalls calls) {
        this.definition = definition;
        this.calls = calls;
    }

    @Override
    public boolean hasMethod(String method) {
        return definition.methods().contains(method);
    }

    /** Held calls wait: async and scatter-gather calls go to the publishers connected now, or are refused. */
    @Override
    public boolean forwardsAtOnce() {
        return false;
    }

    @Override
    public Result route(Call call) {
        calls.hold(call);
        return null;
    }
}
