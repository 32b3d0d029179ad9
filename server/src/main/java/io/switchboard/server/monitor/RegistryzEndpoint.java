package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code /registryz}: every registry name with its number of entries, sorted by name. */
final class RegistryzEndpoint implements Endpoint {

    private final Monitored server;

    RegistryzEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        ArrayNode names = Json.array();
        long total = 0;
        for (Map.Entry<String, Integer> name : server.registry().entryCounts().entrySet()) {
            names.add(Json.object().put("name", name.getKey()).put("entries", name.getValue()));
            total += name.getValue();
        }
        ObjectNode body = Json.object();
        body.set("names", names);
        body.put("total_entries", total);
        return MonitorResponse.ok(body);
    }
}
