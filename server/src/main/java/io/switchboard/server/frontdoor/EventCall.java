package io.switchboard.server.frontdoor;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Caller;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller of one event DELIVER: the front door on behalf of a line (or of an instance, for a welcome-back).
 * It speaks the instance's codec, so the router passes payloads untouched both ways. The RESULT is taken
 * back to the owner event loop; an input's reply is written to the line at once, on the RESULT's own loop, so it
 * keeps its order with the instance's {@code $lines} sends.
 */
final class EventCall implements Caller {

    private static final Logger log = LoggerFactory.getLogger(EventCall.class);

    private final Dispatcher dispatcher;
    /** Null for a welcome-back. */
    final Line line;
    /** Null for a welcome-back. */
    final LineEvent event;

    final Instance instance;
    /** For a welcome-back part: how many lines of its welcome are listed once it is answered. */
    final int listedThrough;

    EventCall(Dispatcher dispatcher, Line line, LineEvent event, Instance instance, int listedThrough) {
        this.dispatcher = dispatcher;
        this.line = line;
        this.event = event;
        this.instance = instance;
        this.listedThrough = listedThrough;
    }

    @Override
    public Codec codec() {
        return instance.codec();
    }

    @Override
    public boolean isTextMode() {
        return instance.isTextMode();
    }

    @Override
    public boolean isClosed() {
        return false; // the front door always wants its answer
    }

    @Override
    public void answer(Result result) {
        if (result.code().isOk() && event != null && event.kind == LineEvent.Kind.INPUT) {
            writeReply(result.payload());
        }
        dispatcher.execute(() -> dispatcher.answered(this, result));
    }

    private void writeReply(byte[] payload) {
        try {
            EventPayloads.Reply reply = EventPayloads.reply(codec(), payload);
            if (reply.text() != null) {
                line.output.text(reply.text());
            } else if (reply.binary() != null) {
                line.output.binary(reply.binary());
            }
        } catch (IOException | RuntimeException e) {
            log.info(
                    "{}: the reply to an input is not a valid {} document and was not sent: {}",
                    line,
                    codec().wireName(),
                    e.getMessage());
        }
    }
}
