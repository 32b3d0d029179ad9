package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.metrics.AliasFigures;
import io.switchboard.server.routing.SessionView;
import java.util.Map;

/** {@code /sessionz}: every published alias with its publishers, sorted by alias; call figures from the metrics. */
final class SessionzEndpoint implements Endpoint {

    private final Monitored server;

    SessionzEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        Map<String, AliasFigures> figures = server.metrics().get().aliases();
        ArrayNode sessions = Json.array();
        for (SessionView session : server.sessions().sessions()) {
            ArrayNode publishers = Json.array();
            int cap = 0;
            for (SessionView.Publisher p : session.publishers()) {
                publishers.add(Json.object()
                        .put("cid", p.cid())
                        .put("client_name", p.clientName())
                        .put("in_flight", p.inFlight())
                        .put("max_inflight", p.maxInflight()));
                cap = Math.max(cap, p.maxInflight());
            }
            ObjectNode node = Json.object()
                    .put("alias", session.alias())
                    .put("policy", session.policy().wireName());
            node.set("publishers", publishers);
            node.put("in_flight", session.inFlight()).put("max_inflight_per_publisher", cap);
            AliasFigures calls = figures.getOrDefault(session.alias(), AliasFigures.NONE);
            ObjectNode callsNode = Json.object().put("total", calls.calls());
            callsNode.set("by_code", Json.counts(calls.callsByCode()));
            node.set("calls", callsNode);
            node.set("latency_seconds", latency(calls));
            sessions.add(node);
        }
        ObjectNode body = Json.object();
        body.set("sessions", sessions);
        return MonitorResponse.ok(body);
    }

    static ObjectNode latency(AliasFigures figures) {
        return Json.object()
                .put("p50", figures.p50Seconds())
                .put("p99", figures.p99Seconds())
                .put("max", figures.maxSeconds());
    }
}
