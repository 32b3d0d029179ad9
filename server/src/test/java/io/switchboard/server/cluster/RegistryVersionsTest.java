package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryVersionsTest {

    private final RegistryVersions versions = new RegistryVersions(100);

    @Test
    void aStateNeitherBringsBackARemovalNorDropsAnEntryRegisteredAfterIt() {
        assertThat(versions.change("old", 1, true)).isTrue();
        // After the state (version 5) was taken: "gone" removed, "new" registered; both overtook it.
        assertThat(versions.change("gone", 6, false)).isTrue();
        assertThat(versions.change("new", 7, true)).isTrue();
        RegistryVersions.StateOutcome outcome = versions.state(5, Set.of("old", "gone", "kept"));
        assertThat(outcome.apply()).containsExactlyInAnyOrder("old", "kept");
        assertThat(outcome.keep()).containsExactly("new");
        // Anything at or below the state is stale now; so is an older state.
        assertThat(versions.change("late", 4, true)).isFalse();
        assertThat(versions.state(3, Set.of())).isNull();
        assertThat(versions.change("new", 7, true)).isFalse();
        assertThat(versions.change("new", 8, false)).isTrue();
    }

    @Test
    void trackingIsBounded() {
        RegistryVersions small = new RegistryVersions(4);
        for (int v = 1; v <= 5; v++) {
            small.change("i" + v, v, true);
        }
        // The oldest half went and the floor rose past it.
        assertThat(small.change("i1", 2, true)).isFalse();
        assertThat(small.change("i9", 9, true)).isTrue();
    }
}
