package io.switchboard.jca.adapter;

import io.switchboard.client.CallException;
import io.switchboard.client.ClientClosedException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.RequestException;
import io.switchboard.jca.api.BadRequestException;
import io.switchboard.jca.api.CallTimeoutException;
import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.HandlerFailedException;
import io.switchboard.jca.api.LineNotFoundException;
import io.switchboard.jca.api.PublisherLostException;
import io.switchboard.jca.api.ServerBusyException;
import io.switchboard.jca.api.ServerShuttingDownException;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.UnknownMethodException;
import io.switchboard.protocol.ResultCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns the client's exceptions into the application API's typed ones. The client's exception is not kept as the
 * cause: API exceptions are EJB application exceptions and may travel to remote callers that do not have the
 * adapter's bundled client classes; the adapter logs the original at FINE instead.
 */
final class ExceptionMapper {

    /** Code of failures inside the client itself (a payload it cannot encode or decode, an interrupt). */
    static final String CLIENT_ERROR = "client-error";

    private ExceptionMapper() {}

    /**
     * The API exception for {@code failure}; runtime exceptions that are not the client's (programming errors
     * such as using the client on its I/O thread) pass through unchanged.
     */
    static RuntimeException map(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof SwitchboardException api) {
            return api;
        }
        if (e instanceof CallException call) {
            return forResult(call.code(), call.getMessage());
        }
        if (e instanceof ConnectionLostException) {
            return new ConnectionFailedException("the connection to the Switchboard server was lost before the "
                    + "answer came; the request may or may not have taken effect (" + e.getMessage() + ")");
        }
        if (e instanceof NotConnectedException) {
            return new ConnectionFailedException("not connected to the Switchboard server: " + e.getMessage());
        }
        if (e instanceof ClientClosedException) {
            return new ConnectionFailedException(
                    "the pooled connection was closed (evicted from the pool): " + e.getMessage());
        }
        if (e instanceof RequestException request) {
            return new SwitchboardException(request.code().wireName(), e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            // The client refuses bad names and timeouts before sending anything.
            return new BadRequestException(e.getMessage());
        }
        if (e instanceof io.switchboard.client.SwitchboardException) {
            return new SwitchboardException(CLIENT_ERROR, e.getMessage());
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new SwitchboardException(CLIENT_ERROR, e.toString());
    }

    /** The typed exception of a result code other than {@code ok}. */
    static SwitchboardException forResult(ResultCode code, String message) {
        switch (code) {
            case HANDLER_ERROR:
                return new HandlerFailedException(message);
            case TIMEOUT:
                return new CallTimeoutException(message);
            case NO_SUCH_SESSION:
                return new SessionNotFoundException(message);
            case UNKNOWN_METHOD:
                return new UnknownMethodException(message);
            case PUBLISHER_LOST:
                return new PublisherLostException(message);
            case BUSY:
                return new ServerBusyException(message);
            case SHUTTING_DOWN:
                return new ServerShuttingDownException(message);
            case BAD_REQUEST:
                return new BadRequestException(message);
            case NO_SUCH_LINE:
                return new LineNotFoundException(message);
            default:
                return new SwitchboardException(code.wireName(), message);
        }
    }

    /**
     * Whether {@code failure} means the physical connection is gone (so the pool must evict it), as opposed to a
     * failure of one request on a healthy connection.
     */
    static boolean isConnectionFailure(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof ConnectionLostException || e instanceof NotConnectedException;
    }

    /** Whether {@code failure} is a call's result other than ok: an answer from the server, not a fault. */
    static boolean isCallOutcome(Throwable failure) {
        return unwrap(failure) instanceof CallException;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
