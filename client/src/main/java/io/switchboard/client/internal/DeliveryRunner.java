package io.switchboard.client.internal;

import io.switchboard.client.CallRefusedException;
import io.switchboard.client.SessionHandler;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one publication's handler for delivered calls on the publication's executor and sends exactly one
 * RESULT per call back on the connection the call came from.
 */
final class DeliveryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRunner.class);

    private final SessionHandler handler;
    private final Executor executor;

    DeliveryRunner(SessionHandler handler, Executor executor) {
        this.handler = handler;
        this.executor = executor;
    }

    void dispatch(Connection connection, Deliver deliver) {
        IncomingCallImpl call = new IncomingCallImpl(deliver, connection, System.nanoTime());
        try {
            executor.execute(() -> run(connection, call));
        } catch (RejectedExecutionException e) {
            reply(
                    connection,
                    Result.failure(deliver.id(), ResultCode.BUSY, "the publisher's executor rejected the call"));
        }
    }

    private void run(Connection connection, IncomingCallImpl call) {
        if (System.nanoTime() - call.deadlineNanos() >= 0) {
            // The caller has its TIMEOUT already; running the handler would be wasted work.
            reply(connection, Result.failure(call.id(), ResultCode.TIMEOUT, "deadline passed before the handler ran"));
            return;
        }
        Object value;
        try {
            value = handler.handle(call);
        } catch (Exception | LinkageError | AssertionError e) {
            failed(connection, call, e);
            return;
        }
        if (value instanceof CompletionStage<?> stage) {
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    failed(connection, call, e);
                } else {
                    succeeded(connection, call, v);
                }
            });
        } else {
            succeeded(connection, call, value);
        }
    }

    private void succeeded(Connection connection, IncomingCallImpl call, Object value) {
        byte[] payload;
        try {
            payload = connection.payloads().encode(value);
        } catch (RuntimeException e) {
            reply(connection, Result.failure(call.id(), ResultCode.HANDLER_ERROR, e.getMessage()));
            return;
        }
        reply(connection, Result.ok(call.id(), payload));
    }

    private void failed(Connection connection, IncomingCallImpl call, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        LOG.debug("handler of {} failed", call, cause);
        String message = cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        ResultCode code = cause instanceof CallRefusedException refused ? refused.code() : ResultCode.HANDLER_ERROR;
        reply(connection, Result.failure(call.id(), code, message));
    }

    private static void reply(Connection connection, Result result) {
        connection.send(result, failure -> {
            java.util.Optional<ProtocolException> tooLarge =
                    ProtocolException.find(failure).filter(pe -> pe.code() == ErrorCode.FRAME_TOO_LARGE);
            if (tooLarge.isPresent()) {
                connection.send(
                        Result.failure(
                                result.id(),
                                ResultCode.HANDLER_ERROR,
                                "the handler's result is too large: "
                                        + tooLarge.get().getMessage()),
                        null);
            } else {
                LOG.debug("could not send {}: {}", result, failure.toString());
            }
        });
    }
}
