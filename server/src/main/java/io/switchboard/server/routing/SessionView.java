package io.switchboard.server.routing;

import io.switchboard.protocol.SessionPolicy;
import java.util.List;

/**
 * A snapshot of one published alias, for the monitoring port's {@code /sessionz}.
 *
 * @param publishers each publisher with its calls in flight and its cap
 */
public record SessionView(String alias, SessionPolicy policy, List<Publisher> publishers) {

    /** One publisher of the alias. */
    public record Publisher(long cid, String clientName, int inFlight, int maxInflight) {}

    public SessionView {
        publishers = List.copyOf(publishers);
    }

    /** Calls in flight over all publishers. */
    public int inFlight() {
        return publishers.stream().mapToInt(Publisher::inFlight).sum();
    }
}
