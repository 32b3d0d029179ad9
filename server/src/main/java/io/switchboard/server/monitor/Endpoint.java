package io.switchboard.server.monitor;

/** One endpoint of the monitoring port: answers a request (or throws {@link BadRequest}). */
@FunctionalInterface
public interface Endpoint {

    MonitorResponse handle(MonitorRequest request);
}
