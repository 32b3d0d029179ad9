package io.switchboard.client.internal;

import io.switchboard.client.RegistryEntry;
import io.switchboard.client.SessionChange;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SessionPolicy;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.SessionEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The wire's records as the client's public values: applications never see a protocol message type. */
public final class PublicValues {

    private PublicValues() {}

    public static SessionInfo sessionInfo(Listing.SessionInfo wire) {
        return new SessionInfo(
                wire.alias(),
                orEmpty(wire.methods()),
                orEmpty(wire.idempotent()),
                wire.publishers(),
                policy(wire.policy()),
                wire.listedAway());
    }

    /** The policy a LIST names; empty when it names none, or one this client does not know. */
    static Optional<SessionPolicy> policy(io.switchboard.protocol.SessionPolicy wire) {
        for (SessionPolicy policy : SessionPolicy.values()) {
            if (wire != null && policy.wireName().equals(wire.wireName())) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    public static SessionChange sessionChange(SessionEvent wire) {
        SessionChange.State state = switch (wire.state()) {
            case PUBLISHED -> SessionChange.State.PUBLISHED;
            case ABSENT -> SessionChange.State.ABSENT;
            case AWAY -> SessionChange.State.AWAY;
            case RESCINDED -> SessionChange.State.RESCINDED;
            case REPUBLISHED -> SessionChange.State.REPUBLISHED;
        };
        return new SessionChange(wire.alias(), state, orEmpty(wire.methods()), orEmpty(wire.idempotent()));
    }

    public static List<RegistryEntry> registryEntries(List<Entries.Entry> wire) {
        return wire.stream().map(PublicValues::registryEntry).toList();
    }

    static RegistryEntry registryEntry(Entries.Entry wire) {
        return new RegistryEntry(
                wire.id(),
                orEmpty(wire.endpoints()),
                wire.metadata() == null ? Map.of() : wire.metadata(),
                Optional.ofNullable(wire.ttlMs()).map(Duration::ofMillis));
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
