package io.switchboard.sample;

import io.switchboard.jca.api.BadRequestException;
import io.switchboard.jca.api.CallTimeoutException;
import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.HandlerFailedException;
import io.switchboard.jca.api.PublisherLostException;
import io.switchboard.jca.api.ServerBusyException;
import io.switchboard.jca.api.ServerShuttingDownException;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.UnknownMethodException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * Turns each Switchboard outcome into the HTTP status a REST client expects: the caller's mistakes are 4xx,
 * the backend's failures 502/503/504. The body names the code and message.
 */
final class HttpStatuses {

    private HttpStatuses() {}

    static Response failure(SwitchboardException e) {
        return Response.status(statusOf(e))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(e.code(), e.getMessage()))
                .build();
    }

    /** A request refused before any call, with the same body shape as the failures of calls. */
    static Response badRequest(String message) {
        return Response.status(Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("bad-request", message))
                .build();
    }

    static Status statusOf(SwitchboardException e) {
        if (e instanceof SessionNotFoundException || e instanceof UnknownMethodException) {
            return Status.NOT_FOUND;
        }
        if (e instanceof BadRequestException) {
            return Status.BAD_REQUEST;
        }
        if (e instanceof CallTimeoutException) {
            return Status.GATEWAY_TIMEOUT;
        }
        if (e instanceof HandlerFailedException || e instanceof PublisherLostException) {
            return Status.BAD_GATEWAY;
        }
        if (e instanceof ServerBusyException
                || e instanceof ServerShuttingDownException
                || e instanceof ConnectionFailedException) {
            return Status.SERVICE_UNAVAILABLE;
        }
        return Status.INTERNAL_SERVER_ERROR;
    }
}
