package io.switchboard.arquillian.support;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain client in the test JVM publishing {@value #ALIAS} with one method, {@value #METHOD}: it answers the payload
 * (a string) and remembers it, in the order the calls arrived. The handler runs on the I/O thread (it only queues),
 * so the recorded order is the order the server delivered the calls in.
 *
 * <p>What the tests prove "nothing arrived" with: a marker call submitted after the transaction, outside it, must
 * be the next thing recorded. No sleeping on an absence.
 */
public final class RecordingPublisher implements AutoCloseable {

    public static final String ALIAS = "tx-recorder";
    public static final String METHOD = "record";
    /** Longer than any committed call takes to arrive on a loaded machine; a wait for one that never comes fails. */
    static final Duration ARRIVAL_DEADLINE = Duration.ofSeconds(30);

    private final SwitchboardClient client;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    public RecordingPublisher(String url) {
        client = SwitchboardClient.connect(ClientOptions.builder()
                .url(url)
                .clientName(ALIAS)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
        client.publish(PublishOptions.builder(ALIAS).methods(List.of(METHOD)).build(), this::record, Runnable::run);
        Poll.until("the recorder is published", this::isPublished);
    }

    private Object record(IncomingCall call) {
        String payload = call.payloadAs(String.class);
        received.add(payload);
        return payload;
    }

    private boolean isPublished() {
        return client.list().stream().anyMatch(s -> s.alias().equals(ALIAS));
    }

    /** The same connection, as a caller (GlassFish's message-driven bean tests call through it). */
    public SwitchboardClient client() {
        return client;
    }

    /** The next {@code count} calls received, in arrival order; fails if they do not all arrive in time. */
    public List<String> next(int count) {
        List<String> calls = new ArrayList<>(count);
        long end = System.nanoTime() + ARRIVAL_DEADLINE.toNanos();
        while (calls.size() < count) {
            String call;
            try {
                call = received.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for calls", e);
            }
            if (call == null) {
                throw new AssertionError("only " + calls + " of " + count + " calls arrived within "
                        + ARRIVAL_DEADLINE.toSeconds() + " s");
            }
            calls.add(call);
        }
        return calls;
    }

    /**
     * Takes calls until {@code marker} arrives and returns those before it: what an earlier test left behind (a
     * test that failed, a call that arrived late).
     */
    public List<String> skipPast(String marker) {
        List<String> skipped = new ArrayList<>();
        while (true) {
            String call = next(1).get(0);
            if (call.equals(marker)) {
                return skipped;
            }
            skipped.add(call);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
