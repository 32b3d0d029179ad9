package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Traffic;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code /connz?sort=K&limit=L&offset=O}: the client port's connections, paged. Sorted by {@code cid} ascending by
 * default; every other key descending (the biggest first), ties by cid.
 */
final class ConnzEndpoint implements Endpoint {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** One connection's figures, read once so a sort sees stable values. */
    private record Row(
            long cid,
            String address,
            String user,
            String clientName,
            String codec,
            String mode,
            double ageSeconds,
            long callsInFlight,
            long callsOut,
            long callsIn,
            long bytesIn,
            long bytesOut,
            long pendingWriteBytes) {}

    private static final Map<String, ToDoubleFunction<Row>> SORTS = Map.of(
            "age", Row::ageSeconds,
            "calls_in_flight", r -> r.callsInFlight,
            "calls_out", r -> r.callsOut,
            "calls_in", r -> r.callsIn,
            "bytes_in", r -> r.bytesIn,
            "bytes_out", r -> r.bytesOut,
            "pending_write_bytes", r -> r.pendingWriteBytes);

    private final Monitored server;

    ConnzEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        String sort = request.param("sort");
        if (sort == null) {
            sort = "cid";
        }
        Comparator<Row> order = order(sort);
        int limit = (int) request.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = (int) request.number("offset", 0, 0, Integer.MAX_VALUE);
        List<Row> rows = new ArrayList<>();
        for (Connection connection : server.connections()) {
            rows.add(row(connection));
        }
        rows.sort(order);
        ArrayNode page = Json.array();
        for (int i = offset; i < rows.size() && i < (long) offset + limit; i++) {
            page.add(json(rows.get(i)));
        }
        ObjectNode body = Json.object()
                .put("total", rows.size())
                .put("offset", offset)
                .put("limit", limit)
                .put("sort", sort);
        body.set("connections", page);
        return MonitorResponse.ok(body);
    }

    private static Comparator<Row> order(String sort) {
        Comparator<Row> byCid = Comparator.comparingLong(Row::cid);
        if (sort.equals("cid")) {
            return byCid;
        }
        ToDoubleFunction<Row> key = SORTS.get(sort);
        if (key == null) {
            throw new BadRequest("sort must be one of cid, "
                    + String.join(", ", SORTS.keySet().stream().sorted().toList()) + "; not '" + Json.printable(sort)
                    + "'");
        }
        return Comparator.comparingDouble(key).reversed().thenComparing(byCid);
    }

    private static Row row(Connection c) {
        Traffic traffic = c.traffic();
        return new Row(
                c.id(),
                address(c.channel().remoteAddress()),
                c.grants().user(),
                c.isEstablished() ? c.clientName() : null,
                c.codec().wireName(),
                c.isTextMode() ? "text" : "binary",
                c.ageNanos() / 1e9,
                c.callsInFlight(),
                traffic.callsOut(),
                traffic.callsIn(),
                traffic.bytesIn(),
                traffic.bytesOut(),
                c.pendingWriteBytes());
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return "unix";
    }

    private static ObjectNode json(Row r) {
        return Json.object()
                .put("cid", r.cid)
                .put("address", r.address)
                .put("user", r.user)
                .put("client_name", r.clientName)
                .put("codec", r.codec)
                .put("mode", r.mode)
                .put("age_seconds", r.ageSeconds)
                .put("calls_in_flight", r.callsInFlight)
                .put("calls_out", r.callsOut)
                .put("calls_in", r.callsIn)
                .put("bytes_in", r.bytesIn)
                .put("bytes_out", r.bytesOut)
                .put("pending_write_bytes", r.pendingWriteBytes);
    }
}
