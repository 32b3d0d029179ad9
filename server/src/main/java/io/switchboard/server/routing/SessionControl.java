package io.switchboard.server.routing;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.Unsubscribe;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Answers the control requests about sessions: PUBLISH, RESCIND, LIST, SUBSCRIBE, UNSUBSCRIBE. */
public final class SessionControl {

    private final SessionDirectory directory;
    private final int publisherMaxInflight;
    private final BooleanSupplier shuttingDown;

    public SessionControl(SessionDirectory directory, int publisherMaxInflight, BooleanSupplier shuttingDown) {
        this.directory = directory;
        this.publisherMaxInflight = publisherMaxInflight;
        this.shuttingDown = shuttingDown;
    }

    public void publish(Connection connection, Publish publish) {
        if (shuttingDown.getAsBoolean()) {
            // A session published now would only collect calls the server is about to refuse.
            connection.send(new ErrorMessage(publish.req(), ErrorCode.SHUTTING_DOWN,
                    "the server is shutting down and takes no new sessions"));
            return;
        }
        String problem = publishProblem(publish);
        if (problem != null) {
            connection.send(new ErrorMessage(publish.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        Set<String> methods = Set.copyOf(publish.methods());
        Set<String> idempotent = publish.idempotent() == null ? Set.of() : Set.copyOf(publish.idempotent());
        int maxInflight = publish.maxInflight() == null ? publisherMaxInflight : publish.maxInflight();
        Publication publication = new Publication(connection, publish.alias(), methods, idempotent, maxInflight);
        if (directory.publish(publication) == SessionDirectory.PublishOutcome.METHOD_MISMATCH) {
            connection.send(new ErrorMessage(publish.req(), ErrorCode.METHOD_MISMATCH, "session '"
                    + publish.alias() + "' is already published with other methods or idempotent methods"));
            return;
        }
        connection.send(new Ack(publish.req()));
        // After the ACK: a front door's first event (welcome-back) must not overtake it.
        directory.announce(publication);
    }

    private String publishProblem(Publish publish) {
        String problem = Names.problem(publish.alias(), "alias");
        if (problem != null) {
            return problem;
        }
        if (publish.alias().charAt(0) == BuiltInSession.RESERVED_PREFIX) {
            return "aliases starting with '" + BuiltInSession.RESERVED_PREFIX + "' are reserved for the server";
        }
        List<String> methods = publish.methods();
        if (methods == null || methods.isEmpty()) {
            return "publish needs at least one method";
        }
        List<String> required = directory.requiredMethods(publish.alias());
        if (!methods.containsAll(required)) {
            return "'" + publish.alias() + "' is a front door's handler alias: it must publish the methods "
                    + String.join(", ", required);
        }
        for (String method : methods) {
            problem = Names.problem(method, "method name");
            if (problem != null) {
                return problem;
            }
        }
        if (publish.idempotent() != null) {
            for (String method : publish.idempotent()) {
                if (method == null || !methods.contains(method)) {
                    return "idempotent method '" + method + "' is not among the published methods";
                }
            }
        }
        Integer maxInflight = publish.maxInflight();
        if (maxInflight != null && (maxInflight < 1 || maxInflight > publisherMaxInflight)) {
            return "max_inflight must be 1.." + publisherMaxInflight + ", was " + maxInflight;
        }
        return null;
    }

    public void rescind(Connection connection, Rescind rescind) {
        if (directory.rescind(connection, rescind.alias())) {
            connection.send(new Ack(rescind.req()));
        } else {
            connection.send(new ErrorMessage(rescind.req(), ErrorCode.NOT_FOUND,
                    "this connection does not publish '" + rescind.alias() + "'"));
        }
    }

    public void list(Connection connection, ListSessions list) {
        connection.send(new Listing(list.req(), directory.listing()));
    }

    public void subscribe(Connection connection, Subscribe subscribe) {
        String problem = Names.problem(subscribe.alias(), "alias");
        if (problem != null) {
            connection.send(new ErrorMessage(subscribe.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        directory.subscribe(connection, subscribe.req(), subscribe.alias());
    }

    public void unsubscribe(Connection connection, Unsubscribe unsubscribe) {
        if (directory.unsubscribe(connection, unsubscribe.alias())) {
            connection.send(new Ack(unsubscribe.req()));
        } else {
            connection.send(new ErrorMessage(unsubscribe.req(), ErrorCode.NOT_FOUND,
                    "this connection is not subscribed to '" + unsubscribe.alias() + "'"));
        }
    }
}
