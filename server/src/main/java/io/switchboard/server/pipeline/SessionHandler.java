package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.transactions.ResourceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each message of an established connection to the part of the server that answers it. */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private final Connection connection;
    private final ServerServices services;

    SessionHandler(Connection connection, ServerServices services) {
        this.connection = connection;
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Hot path first: calls and their results.
        if (msg instanceof Deliver deliver) {
            services.router().deliver(connection, deliver);
        } else if (msg instanceof Result result) {
            services.router().result(connection, result);
        } else if (msg instanceof Fetch fetch) {
            services.tickets().fetch(connection, fetch);
        } else if (msg instanceof Publish publish) {
            services.sessions().publish(connection, publish);
        } else if (msg instanceof Rescind rescind) {
            services.sessions().rescind(connection, rescind);
        } else if (msg instanceof ListSessions list) {
            services.sessions().list(connection, list);
        } else if (msg instanceof Subscribe subscribe) {
            services.sessions().subscribe(connection, subscribe);
        } else if (msg instanceof Unsubscribe unsubscribe) {
            services.sessions().unsubscribe(connection, unsubscribe);
        } else if (msg instanceof Register register) {
            services.registry().register(connection, register);
        } else if (msg instanceof Refresh refresh) {
            services.registry().refresh(connection, refresh);
        } else if (msg instanceof Unregister unregister) {
            services.registry().unregister(connection, unregister);
        } else if (msg instanceof Resolve resolve) {
            services.registry().resolve(connection, resolve);
        } else if (msg instanceof Watch watch) {
            services.registry().watch(connection, watch);
        } else if (msg instanceof Unwatch unwatch) {
            services.registry().unwatch(connection, unwatch);
        } else if (msg instanceof XaPrepare
                || msg instanceof XaCommit
                || msg instanceof XaRollback
                || msg instanceof XaRecover) {
            xa((Message) msg);
        } else if (msg instanceof Shutdown shutdown) {
            shutdownRequested(shutdown);
        } else if (msg instanceof Pong) {
            // The server only sends heartbeat PINGs (their PONGs end in the heartbeat handler): nothing to match.
        } else if (msg instanceof ErrorMessage error) {
            // Never answer an ERROR with an ERROR: two confused peers would echo forever.
            log.info("{} reported an error: {} {}", connection, error.code().wireName(), error.message());
        } else {
            // WELCOME, ACK, LISTING, SESSION, REGISTERED, ENTRIES, TICKET: server-to-client frames; HELLO: only once,
            // first.
            connection.send(new ErrorMessage(
                    0,
                    ErrorCode.BAD_REQUEST,
                    "unexpected " + ((Message) msg).frameType().textName()
                            + ": not a request a client sends after the handshake"));
        }
    }

    private void xa(Message request) {
        ResourceManager manager = services.transactions();
        if (manager == null) {
            connection.send(new ErrorMessage(
                    0, ErrorCode.BAD_REQUEST, "this server is no XA resource manager: it takes no XA requests"));
            return;
        }
        manager.request(connection, request);
    }

    private void shutdownRequested(Shutdown shutdown) {
        if (!connection.isAdmin()) {
            connection.send(new ErrorMessage(
                    0, ErrorCode.FORBIDDEN, "SHUTDOWN needs the admin permission (or the deprecated admin token)"));
            return;
        }
        String reason = shutdown.reason() == null || shutdown.reason().isBlank()
                ? "admin request from " + connection
                : shutdown.reason();
        log.info("{} {} asked the server to shut down: {}", LogId.SHUTDOWN_REQUESTED, connection, reason);
        services.shutdownRequest().accept(reason);
    }
}
