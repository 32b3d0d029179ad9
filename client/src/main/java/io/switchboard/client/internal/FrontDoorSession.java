package io.switchboard.client.internal;

import io.switchboard.client.CallRefusedException;
import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.Line;
import io.switchboard.client.Lines;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionHandler;
import io.switchboard.client.WelcomeBack;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FrontDoorHandler} as the session handler of the front door's handler alias. It runs on the client's
 * I/O thread (published with a direct executor) so that welcome-back parts are joined in the order they
 * arrived, and hands every callback to the handler's executor; the event's RESULT goes when the callback
 * returns, which is what lets the server send the line's next event.
 */
public final class FrontDoorSession implements SessionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoorSession.class);

    private final FrontDoorHandler handler;
    private final Executor executor;
    private final Lines lines;
    private final WelcomeBackAssembly welcomeBacks = new WelcomeBackAssembly();

    /**
     * @param lines for binary replies over JSON, which has no byte string to carry them in a RESULT
     */
    public FrontDoorSession(FrontDoorHandler handler, Executor executor, Lines lines) {
        this.handler = handler;
        this.executor = executor;
        this.lines = lines;
    }

    /** The options to publish with: {@code options} with every front-door method; other methods are refused. */
    public static PublishOptions publishOptions(PublishOptions options) {
        for (String method : options.methods()) {
            if (!FrontDoorHandler.METHODS.contains(method)) {
                throw new IllegalArgumentException("a front door's handler alias has the methods "
                        + FrontDoorHandler.METHODS + " only, not '" + method + "'");
            }
        }
        PublishOptions.Builder b = PublishOptions.builder(options.alias())
                .methods(FrontDoorHandler.METHODS)
                .idempotent(options.idempotent());
        if (options.maxInflight() != null) {
            b.maxInflight(options.maxInflight());
        }
        return b.build();
    }

    /** The executor a handler gets when the application names none: daemon threads, as many as lines in flight. */
    public static ExecutorService defaultExecutor(String alias) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "switchboard-front-door-" + alias + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Object handle(IncomingCall call) {
        if (!call.caller().startsWith(FrontDoorEvents.CALLER_PREFIX)) {
            throw FrontDoorEvents.badRequest("the caller is '" + call.caller() + "', not a front door");
        }
        switch (call.method()) {
            case "welcome-back":
                return welcomeBack(call);
            case "connect": {
                Line line = FrontDoorEvents.line(call);
                return run(line, "onConnect", () -> {
                    handler.onConnect(line);
                    return null;
                });
            }
            case "input": {
                Line line = FrontDoorEvents.line(call);
                return run(
                        line, "onInput", () -> reply(call, line, handler.onInput(line, FrontDoorEvents.input(call))));
            }
            case "disconnect": {
                Line line = FrontDoorEvents.line(call);
                String reason = FrontDoorEvents.reason(call);
                return run(line, "onDisconnect", () -> {
                    handler.onDisconnect(line, reason);
                    return null;
                });
            }
            default:
                throw FrontDoorEvents.badRequest("unknown method '" + call.method() + "'");
        }
    }

    private Object welcomeBack(IncomingCall call) {
        Optional<WelcomeBack> whole = welcomeBacks.add(connectionOf(call), FrontDoorEvents.welcomeBackPart(call));
        if (whole.isEmpty()) {
            return null; // a part with more to come: answered at once, the server sends the next
        }
        WelcomeBack welcome = whole.get();
        LOG.info(
                "welcome-back from front door '{}' ({}): {} open lines, {} disconnected",
                welcome.frontDoor(),
                welcome.reason(),
                welcome.lines().size(),
                welcome.disconnected().size());
        return run(null, "onWelcomeBack", () -> {
            handler.onWelcomeBack(welcome);
            return null;
        });
    }

    /**
     * What to answer an input with. A String or (in CBOR and Smile) a byte[] goes in the RESULT. JSON has no
     * byte string (a byte[] would arrive as base64 text), so binary goes as a {@code $lines} send first, and
     * the RESULT, empty, only when that send is done: the user still gets it before the line's next event.
     */
    private Object reply(IncomingCall call, Line line, Object value) {
        if (value instanceof CompletionStage<?> stage) {
            return stage.thenCompose(v -> asStage(reply(call, line, v)));
        }
        if (value instanceof byte[] bytes && codecOf(call) == Codec.JSON) {
            return lines.sendAsync(line.id(), bytes);
        }
        return value;
    }

    @SuppressWarnings("unchecked") // a stage of any value is read as a stage of Object: it is only passed on
    private static CompletionStage<Object> asStage(Object value) {
        return value instanceof CompletionStage<?> stage
                ? (CompletionStage<Object>) stage
                : CompletableFuture.completedFuture(value);
    }

    /** Runs {@code callback} on the handler's executor; its value (or failure) becomes the event's RESULT. */
    private CompletableFuture<Object> run(Line line, String what, Callable<Object> callback) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    Object value = callback.call();
                    if (value instanceof CompletionStage<?> stage) {
                        stage.whenComplete((v, e) -> complete(answer, v, e, line, what));
                    } else {
                        answer.complete(value);
                    }
                } catch (Exception | LinkageError | AssertionError e) {
                    complete(answer, null, e, line, what);
                }
            });
        } catch (RejectedExecutionException e) {
            // busy is retried by the server after a pause: nothing is lost while the executor is saturated.
            throw new CallRefusedException(ResultCode.BUSY, "the front-door handler's executor rejected " + what);
        }
        return answer;
    }

    private static void complete(
            CompletableFuture<Object> answer, Object value, Throwable failure, Line line, String what) {
        if (failure == null) {
            answer.complete(value);
            return;
        }
        Throwable cause = Requests.unwrap(failure);
        if (!(cause instanceof CallRefusedException)) {
            LOG.warn(
                    "{} {}{} failed: {}",
                    LogId.FRONT_DOOR_HANDLER_FAILED,
                    what,
                    line == null ? "" : " of line " + line.id(),
                    cause.toString(),
                    cause);
        }
        answer.completeExceptionally(cause);
    }

    private static Object connectionOf(IncomingCall call) {
        return call instanceof IncomingCallImpl impl ? impl.connection() : null;
    }

    private static Codec codecOf(IncomingCall call) {
        return call instanceof IncomingCallImpl impl
                ? impl.connection().payloads().codec()
                : Codec.JSON;
    }
}
