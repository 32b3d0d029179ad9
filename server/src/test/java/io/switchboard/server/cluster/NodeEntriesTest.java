package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.routing.AliasLoad;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The versioning of one member's entries: late, reordered messages never bring back an old count. */
class NodeEntriesTest {

    private final NodeEntries entries = new NodeEntries(3);

    @Test
    void aLateUpdateIsIgnored() {
        assertThat(entries.update(5, "echo", new AliasLoad(2, 7))).isEqualTo(NodeEntries.Outcome.APPLIED);
        assertThat(entries.update(4, "echo", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.STALE);
        assertThat(entries.load("echo")).isEqualTo(new AliasLoad(2, 7));
    }

    @Test
    void aRemovalIsNotUndoneByAnOlderPublish() {
        entries.update(2, "echo", new AliasLoad(1, 0));
        entries.update(4, "echo", AliasLoad.NONE);
        assertThat(entries.update(3, "echo", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.STALE);
        assertThat(entries.load("echo")).isEqualTo(AliasLoad.NONE);
        assertThat(entries.update(5, "echo", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.APPLIED);
        assertThat(entries.load("echo").publishers()).isEqualTo(1);
    }

    @Test
    void aStateReplacesWhatItCoversAndKeepsNewerUpdates() {
        entries.update(1, "old", new AliasLoad(1, 0));
        entries.update(9, "newer", new AliasLoad(4, 0)); // arrived before the state sent at version 8
        entries.state(8, Map.of("kept", new AliasLoad(2, 1), "newer", new AliasLoad(1, 0)));
        assertThat(entries.snapshot()).isEqualTo(Map.of("kept", new AliasLoad(2, 1), "newer", new AliasLoad(4, 0)));
        // Anything at or below the state's version is already in it.
        assertThat(entries.update(7, "old", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.STALE);
        assertThat(entries.state(6, Map.of("ancient", new AliasLoad(1, 0)))).isZero();
        assertThat(entries.snapshot()).doesNotContainKey("ancient");
    }

    @Test
    void theCapRefusesNewAliasesButUpdatesKnownOnes() {
        entries.update(1, "a", new AliasLoad(1, 0));
        entries.update(2, "b", new AliasLoad(1, 0));
        entries.update(3, "c", new AliasLoad(1, 0));
        assertThat(entries.update(4, "d", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.OVER_CAP);
        assertThat(entries.update(5, "a", new AliasLoad(1, 3))).isEqualTo(NodeEntries.Outcome.APPLIED);
        assertThat(entries.size()).isEqualTo(3);
        // A state replaces everything it covers; of its four aliases one is left out.
        Map<String, AliasLoad> four = Map.of(
                "w", new AliasLoad(1, 0), "x", new AliasLoad(1, 0), "y", new AliasLoad(1, 0), "z", new AliasLoad(1, 0));
        assertThat(entries.state(6, four)).isEqualTo(1);
        assertThat(entries.size()).isEqualTo(3);
    }

    @Test
    void tombstonesAreBounded() {
        for (int v = 1; v <= 20; v++) {
            entries.update(v, "alias" + v, new AliasLoad(1, 0));
            entries.update(100 + v, "alias" + v, AliasLoad.NONE);
        }
        // Whatever was dropped, a removal older than the newest removals is still refused.
        assertThat(entries.update(101, "alias1", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.STALE);
        assertThat(entries.update(200, "fresh", new AliasLoad(1, 0))).isEqualTo(NodeEntries.Outcome.APPLIED);
    }
}
