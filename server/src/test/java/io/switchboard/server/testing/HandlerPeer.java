package io.switchboard.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A front door's handler instance made of a raw {@link TestPeer}: publishes the handler alias, receives the
 * event DELIVERs and answers them, and calls {@code $lines}. Keeps messages it was not asked for yet.
 */
public final class HandlerPeer implements AutoCloseable {

    public static final List<String> METHODS = List.of("connect", "input", "disconnect", "welcome-back");

    public final TestPeer peer;
    private final List<Message> held = new ArrayList<>();
    private long nextId = 1000;

    private HandlerPeer(TestPeer peer) {
        this.peer = peer;
    }

    public static HandlerPeer publish(int port, String alias, String codec) throws Exception {
        return publish(port, alias, codec, null);
    }

    /** A handler in text mode (JSON lines). */
    public static HandlerPeer publishText(int port, String alias) throws Exception {
        return publish(TestPeer.text(port), alias, "json", null);
    }

    public static HandlerPeer publish(int port, String alias, String codec, Integer maxInflight) throws Exception {
        return publish(TestPeer.binary(port), alias, codec, maxInflight);
    }

    private static HandlerPeer publish(TestPeer peer, String alias, String codec, Integer maxInflight)
            throws Exception {
        peer.hello(codec);
        peer.send(new Publish(1, alias, METHODS, null, maxInflight));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return new HandlerPeer(peer);
    }

    /** The next message of {@code type}, keeping others for later. */
    public <T extends Message> T next(Class<T> type) {
        for (Iterator<Message> it = held.iterator(); it.hasNext(); ) {
            Message message = it.next();
            if (type.isInstance(message)) {
                it.remove();
                return type.cast(message);
            }
        }
        while (true) {
            Message message = peer.next();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
            held.add(message);
        }
    }

    /** The next event; it must be {@code method}. */
    public Deliver event(String method) {
        Deliver event = next(Deliver.class);
        assertThat(event.method()).as("event method of " + event).isEqualTo(method);
        return event;
    }

    /** Answers the next event, which must be {@code method}, with ok and no payload; returns it. */
    public Deliver ack(String method) throws IOException {
        Deliver event = event(method);
        ok(event, null);
        return event;
    }

    public JsonNode payload(Deliver event) throws IOException {
        return peer.codec().mapper().readTree(event.payload());
    }

    public void ok(Deliver event, Object value) throws IOException {
        byte[] payload = value == null ? new byte[0] : peer.codec().mapper().writeValueAsBytes(value);
        peer.send(Result.ok(event.id(), payload));
    }

    public void answer(Deliver event, Result result) throws IOException {
        peer.send(result.withId(event.id(), result.payload()));
    }

    /** Calls {@code $lines} and waits for its RESULT. */
    public Result lines(String method, Object document) throws IOException {
        long id = nextId++;
        peer.send(new Deliver(id, "$lines", method, 5_000, peer.codec().mapper().writeValueAsBytes(document)));
        while (true) {
            Result result = next(Result.class);
            if (result.id() == id) {
                return result;
            }
        }
    }

    @Override
    public void close() throws IOException {
        peer.close();
    }
}
