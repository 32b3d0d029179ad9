package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.frontdoor.FrontDoor;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorStats;

/** {@code /frontdoorz}: each front door's lines, buffers, handler instances and counters (its FrontDoorStats). */
final class FrontDoorzEndpoint implements Endpoint {

    private final Monitored server;

    FrontDoorzEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        ArrayNode doors = Json.array();
        for (FrontDoor door : server.frontDoors().all()) {
            FrontDoorConfig config = door.config();
            FrontDoorStats s = door.stats();
            ObjectNode node = Json.object()
                    .put("name", config.name())
                    .put("protocol", config.protocol().wireName())
                    .put("alias", config.alias())
                    .put("lines", s.openLines())
                    .put("buffered_events", s.bufferedEvents())
                    .put("buffered_bytes", s.bufferedBytes())
                    .put("handlers", s.instances())
                    .put("outages", s.outages())
                    .put("welcome_backs", s.welcomeBacks())
                    .put("delivered", s.delivered())
                    .put("redelivered", s.redelivered())
                    .put("failed", s.failed())
                    .put("dropped", s.dropped());
            node.set(
                    "closed",
                    Json.object()
                            .put("message_too_long", s.closedMessageTooLong())
                            .put("rate_exceeded", s.closedRateExceeded())
                            .put("too_many_lines", s.closedTooManyLines())
                            .put("buffer_full", s.closedBufferFull())
                            .put("address_limit", s.refusedAddressLimit())
                            .put("silent", s.closedSilent())
                            .put("protocol_error", s.closedProtocolError()));
            doors.add(node);
        }
        ObjectNode body = Json.object();
        body.set("front_doors", doors);
        return MonitorResponse.ok(body);
    }
}
