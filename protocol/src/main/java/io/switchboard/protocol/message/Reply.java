package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ResultCode;

/**
 * Server to caller: one publisher's answer to a scatter-gather call (a DELIVER with flag {@code ALL}). A REPLY comes
 * for every publisher the call went to, in the order they answered; the call's RESULT, with the counts, comes last.
 *
 * @param id        the DELIVER's id
 * @param publisher the server's id of the publisher's connection, the same for all its replies while it stays connected
 * @param code      that publisher's outcome: its own code, or the server's ({@code timeout}, {@code busy},
 *                  {@code publisher-lost}, ...)
 * @param message   for failures, a sentence for people; empty for {@code ok}
 * @param payload   for {@code ok}, the publisher's answer in the caller's codec; empty for none
 */
public record Reply(long id, long publisher, ResultCode code, String message, byte[] payload) implements Message {

    public Reply {
        message = message == null ? "" : message;
        payload = payload == null ? Deliver.NO_PAYLOAD : payload;
    }

    /** {@code result}, as publisher {@code publisher}'s reply to call {@code id}. */
    public static Reply of(long id, long publisher, Result result) {
        return new Reply(id, publisher, result.code(), result.message(), result.payload());
    }

    @Override
    public FrameType frameType() {
        return FrameType.REPLY;
    }

    @Override
    public String toString() {
        return "Reply[id=" + id + ", publisher=" + publisher + ", code=" + code.wireName() + ", message=" + message
                + ", payload=" + payload.length + " bytes]";
    }
}
