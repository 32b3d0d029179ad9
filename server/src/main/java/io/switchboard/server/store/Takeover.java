package io.switchboard.server.store;

import java.util.List;

/**
 * The work a node took over from nodes that left the cluster (docs/cluster.md, "Shared durable state"): rows whose
 * owner epoch it changed to its own, in one transaction, each by a conditional UPDATE that only one node can win.
 *
 * @param epochs  the epochs taken over (0 stands for the rows of a server that ran without a cluster)
 * @param tickets their pending tickets, oldest first
 * @param held    their held calls, in arrival order, each with its delivering mark
 */
public record Takeover(List<Long> epochs, List<TicketCall> tickets, List<HeldCall> held) {

    public static final Takeover NONE = new Takeover(List.of(), List.of(), List.of());

    public Takeover {
        epochs = List.copyOf(epochs);
        tickets = List.copyOf(tickets);
        held = List.copyOf(held);
    }

    public boolean isEmpty() {
        return tickets.isEmpty() && held.isEmpty();
    }
}
