package io.switchboard.arquillian.support.tx;

import io.switchboard.jca.api.Ticket;

/**
 * What {@link Submitter#submitAndProbe} saw inside its transaction: what {@code result()} and {@code id()} did there
 * (the exception's class and message, or {@code "returned"}), and the ticket itself, for use after commit.
 */
public record TicketProbe(String resultInside, String idInside, Ticket ticket) {}
