package io.switchboard.server;

/**
 * A snapshot of the server's counters.
 *
 * @param connections           open connections that finished the handshake
 * @param sessions              aliases published now
 * @param outstandingDeliveries deliveries forwarded to publishers and not yet answered
 * @param delivered             deliveries forwarded to a publisher since start (reroutes count again)
 * @param lateResults           RESULTs that arrived for no outstanding delivery (after a timeout) and were dropped
 * @param busy                  calls answered {@code busy}
 * @param timeouts              calls answered {@code timeout}
 * @param authFailures          HELLOs refused {@code unauthorized} (bad or missing credentials)
 * @param slowConsumers         connections closed for reading too slowly ({@code slow-consumer})
 * @param connectionsRefused    connections refused by {@code max-connections} or {@code max-connections-per-address}
 * @param overloaded            connections closed to bound the memory of incomplete frames ({@code overloaded})
 * @param outOfMemoryErrors     OutOfMemoryErrors met in connections' handlers (the connections were left open)
 * @param pingsAnswered         clients' PINGs answered, heartbeats not counted (a pool's validation pings are these)
 */
public record ServerStats(
        int connections,
        int sessions,
        long outstandingDeliveries,
        long delivered,
        long lateResults,
        long busy,
        long timeouts,
        long authFailures,
        long slowConsumers,
        long connectionsRefused,
        long overloaded,
        long outOfMemoryErrors,
        long pingsAnswered) {}
