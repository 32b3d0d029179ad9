package io.switchboard.server.pipeline;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.auth.Authenticator;
import io.switchboard.server.registry.RegistryControl;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.SessionControl;
import io.switchboard.server.tickets.Tickets;
import io.switchboard.server.transactions.ResourceManager;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the per-connection handlers need from the server.
 *
 * @param registry        answers the registry's requests (REGISTER, RESOLVE, WATCH, ...)
 * @param connections     every open connection (handshake done or not), for shutdown and stats
 * @param shutdownRequest starts a graceful shutdown; the argument is the reason
 * @param tickets         answers FETCH of async call outcomes
 * @param auth            judges HELLO's credentials
 * @param transactions    the XA resource manager: answers XA_PREPARE, XA_COMMIT, XA_ROLLBACK, XA_RECOVER; null on a
 *                        server without one
 */
public record ServerServices(
        ServerConfig config,
        SessionControl sessions,
        CallRouter router,
        RegistryControl registry,
        Set<Connection> connections,
        Consumer<String> shutdownRequest,
        Tickets tickets,
        Authenticator auth,
        ResourceManager transactions) {

    /** Without an XA resource manager. */
    public ServerServices(
            ServerConfig config,
            SessionControl sessions,
            CallRouter router,
            RegistryControl registry,
            Set<Connection> connections,
            Consumer<String> shutdownRequest,
            Tickets tickets,
            Authenticator auth) {
        this(config, sessions, router, registry, connections, shutdownRequest, tickets, auth, null);
    }

    /** Without authentication (only the deprecated admin token of {@code config}, if set). */
    public ServerServices(
            ServerConfig config,
            SessionControl sessions,
            CallRouter router,
            RegistryControl registry,
            Set<Connection> connections,
            Consumer<String> shutdownRequest,
            Tickets tickets) {
        this(
                config,
                sessions,
                router,
                registry,
                connections,
                shutdownRequest,
                tickets,
                new Authenticator(null, config.adminToken().orElse(null)));
    }
}
