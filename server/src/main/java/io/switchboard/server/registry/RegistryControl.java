package io.switchboard.server.registry;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Permission;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the registry's requests: REGISTER, UNREGISTER, REFRESH, RESOLVE, WATCH, UNWATCH. Checks them, hands them
 * to the {@link Registry} and answers once the change is done (for a TTL entry: committed to the store).
 */
public final class RegistryControl {

    private static final Logger log = LoggerFactory.getLogger(RegistryControl.class);

    private final Registry registry;
    private final BooleanSupplier shuttingDown;
    private final LongSupplier clock;

    public RegistryControl(Registry registry, BooleanSupplier shuttingDown) {
        this(registry, shuttingDown, System::currentTimeMillis);
    }

    RegistryControl(Registry registry, BooleanSupplier shuttingDown, LongSupplier clock) {
        this.registry = registry;
        this.shuttingDown = shuttingDown;
        this.clock = clock;
    }

    public void register(Connection connection, Register register) {
        if (refusedWhileShuttingDown(connection, register.req())) {
            return;
        }
        String problem = EntryRules.problem(register);
        if (problem != null) {
            connection.send(new ErrorMessage(register.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        if (forbidden(connection, register.req(), Permission.REGISTER, register.name(), "register")) {
            return;
        }
        if (registry.isReserved(register.name())) {
            log.info("{} tried to REGISTER under the server's own name '{}'; refused", connection, register.name());
            connection.send(new ErrorMessage(
                    register.req(),
                    ErrorCode.FORBIDDEN,
                    "'" + register.name() + "' is the server's own name: only the server registers under it"));
            return;
        }
        String full = register.instance() == null ? registry.registrationRefusal(connection) : null;
        if (full != null) {
            connection.send(new ErrorMessage(register.req(), ErrorCode.BUSY, full));
            return;
        }
        String instance = register.instance() == null ? InstanceIds.next() : register.instance();
        RegistryEntry entry = register.ttlMs() == null
                ? RegistryEntry.connectionBound(
                        register.name(), instance, register.endpoints(), register.metadata(), connection)
                : RegistryEntry.ttl(
                        register.name(),
                        instance,
                        register.endpoints(),
                        register.metadata(),
                        register.ttlMs(),
                        clock.getAsLong() + register.ttlMs());
        Registered answer = new Registered(register.req(), entry.name(), instance, entry.id(), register.ttlMs());
        if (register.instance() == null) {
            answerWhenDone(
                    connection,
                    register.req(),
                    registry.add(entry, connection).thenApply(v -> Registry.Outcome.DONE),
                    answer,
                    "REGISTER");
            return;
        }
        answerWhenDone(
                connection,
                register.req(),
                registry.renew(entry.name(), instance, connection, entry),
                answer,
                "REGISTER");
    }

    public void unregister(Connection connection, Unregister unregister) {
        if (refusedWhileShuttingDown(connection, unregister.req())) {
            return;
        }
        String problem = EntryRules.nameProblem(unregister.name());
        if (problem == null
                && (unregister.instance() == null || unregister.instance().isEmpty())) {
            problem = "unregister needs the entry's instance id";
        }
        if (problem != null) {
            connection.send(new ErrorMessage(unregister.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        if (forbidden(connection, unregister.req(), Permission.REGISTER, unregister.name(), "unregister")) {
            return;
        }
        answerWhenDone(
                connection,
                unregister.req(),
                registry.remove(unregister.name(), unregister.instance()),
                new Ack(unregister.req()),
                "UNREGISTER");
    }

    public void refresh(Connection connection, Refresh refresh) {
        if (refusedWhileShuttingDown(connection, refresh.req())) {
            return;
        }
        if (refresh.instance() == null || refresh.instance().isEmpty()) {
            connection.send(new ErrorMessage(refresh.req(), ErrorCode.BAD_REQUEST, "refresh needs an instance id"));
            return;
        }
        answerWhenDone(
                connection, refresh.req(), registry.refresh(refresh.instance()), new Ack(refresh.req()), "REFRESH");
    }

    public void resolve(Connection connection, Resolve resolve) {
        String problem = EntryRules.nameProblem(resolve.name());
        if (problem != null) {
            connection.send(new ErrorMessage(resolve.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        if (forbidden(connection, resolve.req(), Permission.RESOLVE, resolve.name(), "resolve")) {
            return;
        }
        connection.sendPages(registry.resolve(resolve.name()), Registry.entriesPages(resolve.req(), resolve.name()));
    }

    public void watch(Connection connection, Watch watch) {
        String problem = EntryRules.nameProblem(watch.name());
        if (problem != null) {
            connection.send(new ErrorMessage(watch.req(), ErrorCode.BAD_REQUEST, problem));
            return;
        }
        if (forbidden(connection, watch.req(), Permission.RESOLVE, watch.name(), "watch")) {
            return;
        }
        String full = registry.watchRefusal(connection, watch.name());
        if (full != null) {
            connection.send(new ErrorMessage(watch.req(), ErrorCode.BUSY, full));
            return;
        }
        registry.watch(connection, watch.req(), watch.name());
    }

    public void unwatch(Connection connection, Unwatch unwatch) {
        if (registry.unwatch(connection, unwatch.name())) {
            connection.send(new Ack(unwatch.req()));
        } else {
            connection.send(new ErrorMessage(
                    unwatch.req(), ErrorCode.NOT_FOUND, "this connection does not watch '" + unwatch.name() + "'"));
        }
    }

    /** Refuses with {@code forbidden} (true) when the connection's user lacks {@code permission} on {@code name}. */
    private static boolean forbidden(Connection connection, long req, Permission permission, String name, String what) {
        if (connection.grants().allows(permission, name)) {
            return false;
        }
        connection.send(new ErrorMessage(
                req,
                ErrorCode.FORBIDDEN,
                "you may not " + what + " '" + name + "' (it needs the " + permission.key() + " permission)"));
        return true;
    }

    private boolean refusedWhileShuttingDown(Connection connection, long req) {
        if (!shuttingDown.getAsBoolean()) {
            return false;
        }
        connection.send(new ErrorMessage(
                req, ErrorCode.SHUTTING_DOWN, "the server is shutting down and takes no registry changes"));
        return true;
    }

    private void answerWhenDone(
            Connection connection,
            long req,
            CompletableFuture<Registry.Outcome> change,
            io.switchboard.protocol.message.Message success,
            String what) {
        change.whenComplete((outcome, failure) -> {
            if (failure != null) {
                log.warn(
                        "{} {} from {} could not be stored: {}",
                        LogId.REGISTRY_NOT_STORED,
                        what,
                        connection,
                        failure.toString());
                connection.send(new ErrorMessage(
                        req, ErrorCode.INTERNAL, what + " could not be stored: " + failure.getMessage()));
                return;
            }
            switch (outcome) {
                case DONE -> connection.send(success);
                case NOT_FOUND ->
                    connection.send(new ErrorMessage(
                            req,
                            ErrorCode.NOT_FOUND,
                            "no registry entry "
                                    + "with this instance id" + ("REFRESH".equals(what) ? "" : " under this name")
                                    + ": it expired or was unregistered (REGISTER without an instance for a new one)"));
                case WRONG_LIFETIME ->
                    connection.send(new ErrorMessage(
                            req,
                            ErrorCode.BAD_REQUEST,
                            "REFRESH".equals(what)
                                    ? "the entry is bound to its connection: only TTL entries are refreshed"
                                    : "an entry keeps its lifetime: give ttl_ms for a TTL entry and only for one"));
                case NOT_OWNER ->
                    connection.send(new ErrorMessage(
                            req,
                            ErrorCode.FORBIDDEN,
                            "the entry is bound to another connection; only that connection may renew it"));
            }
        });
    }
}
