package io.switchboard.server.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/**
 * {@code /healthz}: 200 {@code {"status":"ok"}} while serving, else 503 with the reason. {@code ?live} answers 200
 * whenever the process serves HTTP at all (Kubernetes' liveness); {@code ?ready} is plain {@code /healthz}. Open
 * without credentials even with auth on, so it says nothing beyond status and reason.
 */
final class HealthEndpoint implements Endpoint {

    private final Health health;

    HealthEndpoint(Health health) {
        this.health = health;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        if (request.has("live") && request.has("ready")) {
            throw new BadRequest("ask for ?live or ?ready, not both");
        }
        Optional<String> problem = request.has("live") ? Optional.empty() : health.problem();
        if (problem.isEmpty()) {
            return MonitorResponse.ok(Json.object().put("status", "ok"));
        }
        return MonitorResponse.json(
                HttpResponseStatus.SERVICE_UNAVAILABLE,
                Json.object().put("status", "unavailable").put("reason", problem.get()));
    }
}
