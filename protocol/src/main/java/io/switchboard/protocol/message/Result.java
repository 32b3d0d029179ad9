package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ResultCode;

/**
 * The one answer to a DELIVER.
 *
 * @param id      the DELIVER's id
 * @param code    the outcome
 * @param message for failures, a sentence for people; empty for {@code ok}
 * @param payload for {@code ok}, the answer in the receiver's codec; empty for none
 * @param deflated the payload as it came compressed off the wire, or null (see {@link Deliver#deflated()})
 */
public record Result(long id, ResultCode code, String message, byte[] payload, byte[] deflated) implements Message {

    /**
     * Binary RESULT: the bit of the code byte that says the payload is compressed (deflate, as agreed in the
     * handshake). Result codes are below it.
     */
    public static final int CODE_FLAG_DEFLATED = 0x80;

    public Result {
        message = message == null ? "" : message;
        payload = payload == null ? Deliver.NO_PAYLOAD : payload;
    }

    /** A result as an application or the server makes it: the payload not compressed yet. */
    public Result(long id, ResultCode code, String message, byte[] payload) {
        this(id, code, message, payload, null);
    }

    public static Result ok(long id, byte[] payload) {
        return new Result(id, ResultCode.OK, "", payload);
    }

    public static Result failure(long id, ResultCode code, String message) {
        return new Result(id, code, message, Deliver.NO_PAYLOAD);
    }

    /** The same result under another id, as the server passes it back to the caller. */
    public Result withId(long newId, byte[] newPayload) {
        return new Result(newId, code, message, newPayload, newPayload == payload ? deflated : null);
    }

    @Override
    public FrameType frameType() {
        return FrameType.RESULT;
    }

    @Override
    public String toString() {
        return "Result[id=" + id + ", code=" + code.wireName() + ", message=" + message + ", payload=" + payload.length
                + " bytes" + (deflated == null ? "" : " (" + deflated.length + " deflated)") + "]";
    }
}
