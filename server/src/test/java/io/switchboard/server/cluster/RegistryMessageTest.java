package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.registry.SharedEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryMessageTest {

    private static final SharedEntry BOUND = new SharedEntry(
            "svc", "q3V0cD7u1jYv4pYc7bHn0A", List.of("tcp://h:1", "unix:///s"), Map.of("zone", "eu"), 0, 0);
    private static final SharedEntry TTL = new SharedEntry(
            "svc", "mJ0a3Xn1Vq2Lx9QeAAAAAA", List.of("tcp://h:2"), Map.of(), 30_000, 1_700_000_000_000L);

    private static RegistryMessage roundTrip(RegistryMessage message) {
        byte[] bytes = message.encode();
        assertThat(bytes[0]).isEqualTo(RegistryMessage.FORMAT);
        return RegistryMessage.decode(bytes, 0, bytes.length, 10);
    }

    @Test
    void putRemoveAndStateRoundTrip() {
        assertThat(roundTrip(RegistryMessage.put(TTL))).isEqualTo(RegistryMessage.put(TTL));
        assertThat(roundTrip(RegistryMessage.remove("svc", "x"))).isEqualTo(RegistryMessage.remove("svc", "x"));
        RegistryMessage state = RegistryMessage.state(List.of(BOUND, TTL), true);
        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void entriesAreCheckedLikeARegister() {
        SharedEntry noEndpoint = new SharedEntry("svc", "i", List.of(), Map.of(), 0, 0);
        byte[] bytes = RegistryMessage.put(noEndpoint).encode();
        assertThatThrownBy(() -> RegistryMessage.decode(bytes, 0, bytes.length, 10))
                .hasMessageContaining("endpoint");
        SharedEntry shortTtl = new SharedEntry("svc", "i", List.of("tcp://h:1"), Map.of(), 5, 10);
        byte[] ttl = RegistryMessage.put(shortTtl).encode();
        assertThatThrownBy(() -> RegistryMessage.decode(ttl, 0, ttl.length, 10)).hasMessageContaining("ttl_ms");
        byte[] state =
                RegistryMessage.state(List.of(BOUND, BOUND, BOUND), false).encode();
        assertThatThrownBy(() -> RegistryMessage.decode(state, 0, state.length, 2))
                .hasMessageContaining("at most");
        byte[] good = RegistryMessage.put(BOUND).encode();
        assertThatThrownBy(() -> RegistryMessage.decode(good, 0, good.length - 1, 10))
                .hasMessageContaining("truncated");
        byte[] kind = Arrays.copyOf(good, good.length);
        kind[1] = 9;
        assertThatThrownBy(() -> RegistryMessage.decode(kind, 0, kind.length, 10))
                .hasMessageContaining("kind");
    }
}
