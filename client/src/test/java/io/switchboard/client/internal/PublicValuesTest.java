package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.RegistryEntry;
import io.switchboard.client.SessionChange;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SessionPolicy;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wire's LIST, SESSION and ENTRIES records become the client's public values, absent fields filled in. */
class PublicValuesTest {

    @Test
    void aListedHoldSessionAwayKeepsItsPolicyAndAwayFlag() {
        SessionInfo info = PublicValues.sessionInfo(new Listing.SessionInfo(
                "inventory", List.of("reserve"), List.of(), 0, io.switchboard.protocol.SessionPolicy.HOLD, true));
        assertThat(info)
                .isEqualTo(new SessionInfo(
                        "inventory", List.of("reserve"), List.of(), 0, Optional.of(SessionPolicy.HOLD), true));
    }

    @Test
    void aServerThatNamesNoPolicyOrAnUnknownOneGivesAnEmptyPolicy() {
        SessionInfo old = PublicValues.sessionInfo(new Listing.SessionInfo("calc", List.of("add"), List.of("add"), 2));
        assertThat(old.policy()).isEmpty();
        assertThat(old.listedAway()).isFalse();
        assertThat(old.publishers()).isEqualTo(2);
        Listing listing =
                (Listing) io.switchboard.protocol.codec.TextMessageDecoder.decode(io.netty.buffer.Unpooled.copiedBuffer(
                        "{\"type\":\"listing\",\"req\":1,\"sessions\":[{\"alias\":\"calc\",\"methods\":[\"add\"],"
                                + "\"idempotent\":[],\"publishers\":1,\"policy\":\"some-future-policy\"}]}",
                        java.nio.charset.StandardCharsets.UTF_8));
        SessionInfo newer = PublicValues.sessionInfo(listing.sessions().get(0));
        assertThat(newer.policy()).isEmpty();
        assertThat(newer.alias()).isEqualTo("calc");
    }

    @Test
    void everyWireStateHasItsClientState() {
        for (SessionState wire : SessionState.values()) {
            SessionChange change = PublicValues.sessionChange(new SessionEvent(0, "calc", wire, null, null));
            assertThat(change.state().name()).isEqualTo(wire.name());
        }
    }

    @Test
    void aSessionChangeWithoutMethodsHasEmptyLists() {
        SessionChange rescinded =
                PublicValues.sessionChange(new SessionEvent(0, "calc", SessionState.RESCINDED, null, null));
        assertThat(rescinded).isEqualTo(new SessionChange("calc", SessionChange.State.RESCINDED, List.of(), List.of()));
        assertThat(rescinded.isPublished()).isFalse();
        SessionChange back = PublicValues.sessionChange(
                new SessionEvent(0, "calc", SessionState.REPUBLISHED, List.of("add", "mul"), List.of("add")));
        assertThat(back.methods()).containsExactly("add", "mul");
        assertThat(back.idempotent()).containsExactly("add");
        assertThat(back.isPublished()).isTrue();
    }

    @Test
    void registryEntriesCarryTheirTtlAsADurationOrNone() {
        List<RegistryEntry> entries = PublicValues.registryEntries(List.of(
                new Entries.Entry("a1", List.of("tcp://10.0.0.5:9000"), Map.of("zone", "eu-1"), 30_000L),
                new Entries.Entry("b2", List.of("unix:///run/s.sock", "tcp://10.0.0.6:9000"), null, null)));
        assertThat(entries)
                .containsExactly(
                        new RegistryEntry(
                                "a1",
                                List.of("tcp://10.0.0.5:9000"),
                                Map.of("zone", "eu-1"),
                                Optional.of(Duration.ofSeconds(30))),
                        new RegistryEntry(
                                "b2",
                                List.of("unix:///run/s.sock", "tcp://10.0.0.6:9000"),
                                Map.of(),
                                Optional.empty()));
    }
}
