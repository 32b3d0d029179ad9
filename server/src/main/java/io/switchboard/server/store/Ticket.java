package io.switchboard.server.store;

import java.util.Objects;
import java.util.Optional;

/** A stored ticket: the submitted call and, once it has ended, its outcome. */
public record Ticket(TicketCall call, Optional<TicketOutcome> outcome) {

    public Ticket {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean completed() {
        return outcome.isPresent();
    }
}
