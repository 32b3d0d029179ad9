package io.switchboard.server.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.server.routing.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin POSTs: shutdown, drain (lame duck), kick a connection, reload TLS. */
final class AdminEndpoints {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpoints.class);

    private final Monitored server;

    AdminEndpoints(Monitored server) {
        this.server = server;
    }

    MonitorResponse shutdown(MonitorRequest request) {
        log.info("shutdown requested on the monitoring port");
        server.admin().shutdown("shutdown requested by an administrator");
        return MonitorResponse.json(HttpResponseStatus.ACCEPTED, Json.object().put("status", "shutting down"));
    }

    MonitorResponse drain(MonitorRequest request) {
        server.admin().drain();
        return MonitorResponse.json(HttpResponseStatus.ACCEPTED, Json.object().put("status", "draining"));
    }

    /** Closes connection {@code cid}, telling it why first (ERROR forbidden, req 0) when it finished its HELLO. */
    MonitorResponse kick(MonitorRequest request) {
        if (request.param("cid") == null) {
            throw new BadRequest("kick needs ?cid=N (the cid of /connz)");
        }
        long cid = request.number("cid", 0, 1, Long.MAX_VALUE);
        for (Connection connection : server.connections()) {
            if (connection.id() == cid) {
                log.info("kicking {} (cid {}) as asked on the monitoring port", connection, cid);
                if (connection.isEstablished()) {
                    connection.send(new ErrorMessage(
                            0, ErrorCode.FORBIDDEN, "an administrator closed this connection (kicked)"));
                    connection.close();
                } else {
                    connection.channel().close();
                }
                return MonitorResponse.ok(Json.object().put("kicked", cid));
            }
        }
        return MonitorResponse.error(HttpResponseStatus.NOT_FOUND, "not-found", "no connection with cid " + cid);
    }

    MonitorResponse reloadTls(MonitorRequest request) {
        return MonitorResponse.ok(Json.object().put("reloaded", server.admin().reloadTls()));
    }
}
