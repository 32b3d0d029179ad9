package io.switchboard.server.monitor;

/** {@code /metrics}: the Prometheus text exposition (version 0.0.4) of the server's metrics. */
final class MetricsEndpoint implements Endpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Monitored server;

    MetricsEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        return MonitorResponse.text(CONTENT_TYPE, server.metrics().get().prometheusText());
    }
}
