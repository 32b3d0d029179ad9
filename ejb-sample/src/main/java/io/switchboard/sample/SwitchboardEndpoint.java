package io.switchboard.sample;

import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.sample.inventory.InventoryBean;
import io.switchboard.sample.inventory.Reservation;
import io.switchboard.sample.inventory.StockLevel;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Try the adapter with curl. Results and errors are JSON; errors carry the Switchboard code and message
 * (see {@link HttpStatuses}). The EJB's failures arrive here as the {@code SwitchboardException} it threw, not
 * wrapped in an {@code EJBException}, because they are application exceptions (see WEB-INF/ejb-jar.xml).
 * <ul>
 *   <li>{@code GET call/{alias}/{method}?payload=...&timeoutMillis=...}: a call through the EJB. The payload is
 *       read as JSON when it parses ({@code 42}, {@code {"a":1}}, {@code "text"}), else sent as a string.</li>
 *   <li>{@code POST call/{alias}/{method}} with a JSON body: the same with the body as payload.</li>
 *   <li>{@code GET cdi/call/{alias}/{method}?payload=...}: a call through the CDI bean.</li>
 *   <li>{@code GET sessions}, {@code GET ping}, {@code GET cdi/ping}.</li>
 *   <li>{@code POST inventory/reserve} and {@code POST inventory/release} with {@code {"sku":"apple","quantity":2}},
 *       {@code GET inventory}: typed calls of session {@code inventory}, which this application's own
 *       message-driven bean publishes (both directions in one application). Session {@code greeter}, the other
 *       bean, is called with the generic paths: {@code GET call/greeter/hello?payload=Ada}.</li>
 * </ul>
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchboardEndpoint {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @EJB
    SwitchboardCalls calls;

    @Inject
    CdiSwitchboardCalls cdiCalls;

    @GET
    @Path("call/{alias}/{method}")
    public Response call(
            @PathParam("alias") String alias,
            @PathParam("method") String method,
            @QueryParam("payload") String payload,
            @QueryParam("timeoutMillis") Long timeoutMillis) {
        Duration timeout = timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis);
        return answer(() -> calls.call(alias, method, parsePayload(payload), timeout));
    }

    @POST
    @Path("call/{alias}/{method}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response callWithBody(@PathParam("alias") String alias, @PathParam("method") String method, String body) {
        return answer(() -> calls.call(alias, method, parsePayload(body), Object.class));
    }

    @POST
    @Path("inventory/{method: reserve|release}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response inventory(@PathParam("method") String method, String body) {
        Reservation reservation = parseReservation(body);
        if (reservation == null) {
            // Refused here, before any call: the bean could only say "unknown article null".
            return HttpStatuses.badRequest(
                    "the body must be a reservation such as {\"sku\":\"apple\",\"quantity\":2}," + " not: " + body);
        }
        return answer(() -> calls.call(InventoryBean.ALIAS, method, reservation, StockLevel.class));
    }

    @GET
    @Path("inventory")
    public Response inventoryLevels() {
        return answer(() -> calls.call(InventoryBean.ALIAS, "levels", null, StockLevel[].class));
    }

    @GET
    @Path("cdi/call/{alias}/{method}")
    public Response callThroughCdi(
            @PathParam("alias") String alias,
            @PathParam("method") String method,
            @QueryParam("payload") String payload) {
        return answer(() -> cdiCalls.call(alias, method, parsePayload(payload)));
    }

    @GET
    @Path("sessions")
    public Response sessions() {
        return answer(calls::sessions);
    }

    @GET
    @Path("ping")
    public Response ping() {
        return answer(() -> Map.of("roundTripMicros", calls.ping().toNanos() / 1_000, "via", "ejb"));
    }

    @GET
    @Path("cdi/ping")
    public Response pingThroughCdi() {
        return answer(() -> Map.of("roundTripMicros", cdiCalls.ping().toNanos() / 1_000, "via", "cdi"));
    }

    /** 200 with the result as JSON (a text result too: {@code "hello"}), or the status that fits the failure. */
    private static Response answer(Supplier<Object> work) {
        try {
            Object result = work.get();
            return Response.ok(result == null ? "null" : JSONB.toJson(result), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        } catch (SwitchboardException e) {
            return HttpStatuses.failure(e);
        }
    }

    /** The body as a reservation; null when it is empty or not one. */
    static Reservation parseReservation(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSONB.fromJson(body, Reservation.class);
        } catch (JsonbException notAReservation) {
            return null;
        }
    }

    /** JSON when the text parses as JSON, else the text itself; null or empty means no payload. */
    static Object parsePayload(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSONB.fromJson(text, Object.class);
        } catch (JsonbException notJson) {
            return text;
        }
    }
}
