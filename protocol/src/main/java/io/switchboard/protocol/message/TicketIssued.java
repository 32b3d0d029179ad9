package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * Server to caller: the answer to a DELIVER with the {@code ASYNC} flag once its ticket is stored. The call runs
 * on; its outcome can be fetched with FETCH {@code ticket} from any connection until it expires, and the submitting
 * connection, while still open, gets it as a RESULT under the same {@code id}.
 *
 * @param id     the DELIVER's id
 * @param ticket the ticket: 1 to 255 UTF-8 bytes, opaque to clients
 */
public record TicketIssued(long id, String ticket) implements Message {

    public TicketIssued {
        if (ticket == null || ticket.isEmpty()) {
            throw new IllegalArgumentException("TICKET needs a non-empty \"ticket\"");
        }
    }

    @Override
    public FrameType frameType() {
        return FrameType.TICKET;
    }
}
