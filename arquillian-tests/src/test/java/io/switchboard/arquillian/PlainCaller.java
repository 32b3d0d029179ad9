package io.switchboard.arquillian;

import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.SwitchboardException;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A plain Switchboard client in the test JVM, outside WildFly: what calls the sessions that message-driven beans
 * publish. It reconnects quickly after a server restart, and every call has a deadline.
 */
final class PlainCaller implements AutoCloseable {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** How a call ended: its result, or the code of its failure, and how long it took. */
    record Outcome(Object value, String code, String message, Duration took) {

        boolean ok() {
            return code == null;
        }

        @Override
        public String toString() {
            return (ok() ? "ok " + value : code + " (" + message + ")") + " in " + took.toMillis() + " ms";
        }
    }

    private final SwitchboardClient client;

    PlainCaller(String clientName) {
        client = SwitchboardClient.connect(ClientOptions.builder()
                .url(TestSwitchboard.get().tcpUrl())
                .clientName(clientName)
                .callTimeout(CALL_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(10))
                .reconnectInitialBackoff(Duration.ofMillis(50))
                .reconnectMaxBackoff(Duration.ofMillis(250))
                .build());
    }

    SwitchboardClient client() {
        return client;
    }

    <T> T call(String alias, String method, Object payload, Class<T> resultType) {
        return client.call(alias, method, payload, resultType);
    }

    /** A call whose failure is an answer too. */
    Outcome attempt(String alias, String method, Object payload, Duration timeout) {
        return attemptAsync(alias, method, payload, timeout).join();
    }

    CompletableFuture<Outcome> attemptAsync(String alias, String method, Object payload, Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<Object> call;
        try {
            call = client.callAsync(alias, method, payload, Object.class, timeout);
        } catch (SwitchboardException refused) {
            call = CompletableFuture.failedFuture(refused);
        }
        return call.handle((value, failure) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (failure == null) {
                return new Outcome(value, null, null, took);
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return new Outcome(null, codeOf(cause), cause.getMessage(), took);
        });
    }

    /** The wire name of a call's result code, else the kind of client-side failure. */
    private static String codeOf(Throwable failure) {
        if (failure instanceof CallException callFailure) {
            return callFailure.code().wireName();
        }
        return failure.getClass().getSimpleName();
    }

    /** The session as the server lists it now, if published. */
    Optional<SessionInfo> session(String alias) {
        try {
            return client.list().stream().filter(s -> s.alias().equals(alias)).findFirst();
        } catch (SwitchboardException notNow) {
            return Optional.empty();
        }
    }

    SessionInfo awaitPublished(String alias, Duration deadline) {
        Poll.until(
                "session " + alias + " is published",
                deadline,
                () -> session(alias).isPresent());
        return session(alias).orElseThrow();
    }

    void awaitGone(String alias) {
        Poll.until(
                "session " + alias + " is no longer published",
                () -> session(alias).isEmpty());
    }

    @Override
    public void close() {
        client.close();
    }
}
