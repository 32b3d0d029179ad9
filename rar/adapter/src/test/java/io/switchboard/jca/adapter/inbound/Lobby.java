package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.api.frontdoor.Line;
import io.switchboard.jca.api.frontdoor.LineInput;
import io.switchboard.jca.api.frontdoor.LineListener;
import io.switchboard.jca.api.frontdoor.WelcomeBack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A front door's handler bean for the tests: records every event and answers input with "you said ...". */
public class Lobby implements LineListener {

    /** Every event of every instance, in the order the beans ran them: "connect ID", "input ID text", .... */
    static final List<String> events = new CopyOnWriteArrayList<>();

    static final List<WelcomeBack> welcomes = new CopyOnWriteArrayList<>();

    /** The attributes each line's latest input event brought, by line id. */
    static final Map<String, Map<String, String>> inputAttributes = new ConcurrentHashMap<>();

    @Override
    public void onConnect(Line line) {
        events.add("connect " + line.id() + " " + line.protocol() + (line.redelivered() ? " redelivered" : ""));
    }

    @Override
    public Object onInput(Line line, LineInput input) {
        events.add("input " + line.id() + " " + (input.isText() ? input.text() : "binary:" + input.bytes().length));
        inputAttributes.put(line.id(), line.attributes());
        if (!input.isText()) {
            return input.bytes(); // binary echo
        }
        return input.text().isEmpty() ? null : "you said " + input.text();
    }

    @Override
    public void onDisconnect(Line line, String reason) {
        events.add("disconnect " + line.id() + " " + reason);
    }

    @Override
    public void onWelcomeBack(WelcomeBack welcome) {
        welcomes.add(welcome);
        events.add("welcome-back " + welcome.reason() + " " + welcome.lines().size() + " open "
                + welcome.disconnected().size() + " gone");
    }

    /** The container's proxy for this bean. */
    public static class Endpoint extends Lobby implements LifecycleEndpoint {
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
