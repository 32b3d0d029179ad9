package io.switchboard.server.routing;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Names;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Listing.SessionInfo;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.server.logging.LogId;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the control requests about sessions: PUBLISH, RESCIND, LIST, SUBSCRIBE, UNSUBSCRIBE. */
public final class SessionControl {

    private static final Logger log = LoggerFactory.getLogger(SessionControl.class);

    private final SessionDirectory directory;
    private final int publisherMaxInflight;
    private final BooleanSupplier shuttingDown;
    /** The server config's policy of an alias ({@code session-policies}), for a PUBLISH that names none. */
    private final Function<String, SessionPolicy> configuredPolicy;

    public SessionControl(
            SessionDirectory directory,
            int publisherMaxInflight,
            BooleanSupplier shuttingDown,
            Function<String, SessionPolicy> configuredPolicy) {
        this.directory = directory;
        this.publisherMaxInflight = publisherMaxInflight;
        this.shuttingDown = shuttingDown;
        this.configuredPolicy = configuredPolicy;
    }

    public SessionControl(SessionDirectory directory, int publisherMaxInflight, BooleanSupplier shuttingDown) {
        this(directory, publisherMaxInflight, shuttingDown, alias -> SessionPolicy.FAIL);
    }

    public void publish(Connection connection, Publish publish) {
        if (shuttingDown.getAsBoolean()) {
            // A session published now would only collect calls the server is about to refuse.
            connection.send(new ErrorMessage(
                    publish.req(), ErrorCode.SHUTTING_DOWN, "the server is shutting down and takes no new sessions"));
            return;
        }
        String problem = publishProblem(connection, publish);
        if (problem != null) {
            connection.send(new ErrorMessage(publish.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        // A front door's handler alias needs frontdoor-handle; any other alias publish. Joining or replacing a group
        // is publishing it, so a user cannot take over another's session.
        Permission needed =
                directory.requiredMethods(publish.alias()).isEmpty() ? Permission.PUBLISH : Permission.FRONTDOOR_HANDLE;
        if (!connection.grants().allows(needed, publish.alias())) {
            connection.send(new ErrorMessage(
                    publish.req(),
                    ErrorCode.FORBIDDEN,
                    "you may not publish '" + publish.alias() + "' (it needs the " + needed.key() + " permission)"));
            return;
        }
        Set<String> methods = Set.copyOf(publish.methods());
        Set<String> idempotent = publish.idempotent() == null ? Set.of() : Set.copyOf(publish.idempotent());
        int maxInflight = publish.maxInflight() == null ? publisherMaxInflight : publish.maxInflight();
        String source = policySource(publish);
        SessionPolicy policy = policyOf(publish);
        Publication publication =
                new Publication(connection, publish.alias(), methods, idempotent, maxInflight, policy);
        SessionDirectory.PublishOutcome outcome = directory.publish(publication);
        if (outcome == SessionDirectory.PublishOutcome.METHOD_MISMATCH) {
            connection.send(new ErrorMessage(
                    publish.req(),
                    ErrorCode.METHOD_MISMATCH,
                    "session '" + publish.alias() + "' is already published with other methods or idempotent methods"));
            return;
        }
        if (outcome == SessionDirectory.PublishOutcome.POLICY_MISMATCH) {
            connection.send(new ErrorMessage(
                    publish.req(),
                    ErrorCode.METHOD_MISMATCH,
                    "session '" + publish.alias() + "' is already published with policy '"
                            + directory.policyOf(publish.alias()).wireName() + "', not '" + policy.wireName() + "'"));
            return;
        }
        SessionDefinition definition =
                new SessionDefinition(publish.alias(), List.copyOf(methods), List.copyOf(idempotent), policy);
        // The ACK waits for the keeper: e.g. an acknowledged hold session is stored and survives a crash.
        directory.keeper().published(definition).whenComplete((v, e) -> {
            if (e == null) {
                noteInherited(connection, publish, policy, source);
                accepted(connection, new Ack(publish.req(), policy.wireName(), source), publication);
                return;
            }
            log.warn("{} session '{}' could not be kept: {}", LogId.SESSION_NOT_KEPT, publish.alias(), e.getMessage());
            directory.rescind(connection, publish.alias());
            connection.send(new ErrorMessage(
                    publish.req(),
                    ErrorCode.INTERNAL,
                    "session '" + publish.alias() + "' could not be kept: " + e.getMessage()));
        });
    }

    private void accepted(Connection connection, Ack ack, Publication publication) {
        connection.send(ack);
        // After the ACK: a front door's first event (welcome-back) must not overtake it.
        directory.announce(publication);
        directory.keeper().capacityFreed(publication.alias);
    }

    /** Where {@link #policyOf} takes the policy from (the ACK says so: W7, a squatted policy is made visible). */
    private String policySource(Publish publish) {
        if (publish.policy() != null) {
            return Ack.FROM_REQUEST;
        }
        boolean inherited = directory.policyOf(publish.alias()) != null
                || directory.keeper().kept(publish.alias()) != null;
        return inherited ? Ack.FROM_SESSION : Ack.FROM_CONFIG;
    }

    /**
     * A PUBLISH that named no policy and joined one other than the configured one, set by an earlier publisher (or
     * kept from one): said at WARN, naming both, since a squatter that published first decides the policy (W7).
     */
    private void noteInherited(Connection connection, Publish publish, SessionPolicy policy, String source) {
        SessionPolicy configured = configuredPolicy.apply(publish.alias());
        if (!Ack.FROM_SESSION.equals(source) || policy == configured) {
            return;
        }
        PublisherGroup group = directory.find(publish.alias());
        String setBy = "a kept definition of the session (stored when an earlier publisher published it as hold)";
        if (group != null) {
            for (Publication other : group.publications()) {
                if (other.connection != connection) {
                    setBy = "the publisher " + other.connection;
                    break;
                }
            }
        }
        log.warn(
                "{} {} published '{}' naming no policy and got policy '{}' from {}, not the configured '{}'",
                LogId.POLICY_SQUATTED,
                connection,
                publish.alias(),
                policy.wireName(),
                setBy,
                configured.wireName());
    }

    /**
     * The PUBLISH's own policy; else the policy the alias has now (its group's, or its kept definition's), so a
     * replica or a restarted publisher that names none joins as it was; else the configured one.
     */
    private SessionPolicy policyOf(Publish publish) {
        if (publish.policy() != null) {
            return publish.policy();
        }
        SessionPolicy now = directory.policyOf(publish.alias());
        if (now != null) {
            return now;
        }
        SessionDefinition kept = directory.keeper().kept(publish.alias());
        return kept != null ? kept.policy() : configuredPolicy.apply(publish.alias());
    }

    private String publishProblem(Connection connection, Publish publish) {
        String problem = Names.problem(publish.alias(), "alias");
        if (problem != null) {
            return problem;
        }
        if (Names.isReserved(publish.alias())) {
            return "aliases starting with '" + Names.RESERVED_PREFIX + "' are reserved for the server";
        }
        List<String> methods = publish.methods();
        if (methods == null || methods.isEmpty()) {
            return "publish needs at least one method";
        }
        String refusal = directory.watcherRefusal(publish.alias(), connection);
        if (refusal == null) {
            refusal = connection.publicationRefusal(publish.alias());
        }
        if (refusal != null) {
            return refusal;
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
        // A hold session outlives its publishers, rescinded or lost alike (clients RESCIND when they close): its
        // definition stays until the alias is published with another policy.
        if (directory.rescind(connection, rescind.alias())) {
            connection.send(new Ack(rescind.req()));
        } else {
            connection.send(new ErrorMessage(
                    rescind.req(), ErrorCode.NOT_FOUND, "this connection does not publish '" + rescind.alias() + "'"));
        }
    }

    public void list(Connection connection, ListSessions list) {
        List<SessionInfo> sessions = directory.listing();
        Grants grants = connection.grants();
        if (grants != Grants.OPEN) {
            // A user sees only the sessions it may subscribe to.
            sessions = sessions.stream()
                    .filter(s -> grants.allows(Permission.SUBSCRIBE, s.alias()))
                    .toList();
        }
        connection.sendPages(sessions, (page, more) -> new Listing(list.req(), page, more ? true : null));
    }

    public void subscribe(Connection connection, Subscribe subscribe) {
        String problem = Names.problem(subscribe.alias(), "alias");
        if (problem != null) {
            connection.send(new ErrorMessage(subscribe.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        if (!connection.grants().allows(Permission.SUBSCRIBE, subscribe.alias())) {
            connection.send(new ErrorMessage(
                    subscribe.req(), ErrorCode.FORBIDDEN, "you may not subscribe to '" + subscribe.alias() + "'"));
            return;
        }
        String full = connection.subscriptionRefusal(subscribe.alias());
        if (full != null) {
            connection.send(new ErrorMessage(subscribe.req(), ErrorCode.BAD_REQUEST, full));
            return;
        }
        directory.subscribe(connection, subscribe.req(), subscribe.alias());
    }

    public void unsubscribe(Connection connection, Unsubscribe unsubscribe) {
        if (directory.unsubscribe(connection, unsubscribe.alias())) {
            connection.send(new Ack(unsubscribe.req()));
        } else {
            connection.send(new ErrorMessage(
                    unsubscribe.req(),
                    ErrorCode.NOT_FOUND,
                    "this connection is not subscribed to '" + unsubscribe.alias() + "'"));
        }
    }
}
