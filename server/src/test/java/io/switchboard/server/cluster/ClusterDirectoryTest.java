package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.routing.AliasLoad;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** Members' entries across views: a member that left is not brought back by its late messages, unless it returns. */
class ClusterDirectoryTest {

    private final ClusterDirectory directory = new ClusterDirectory(100);
    private final Address a = UUID.randomUUID();
    private final Address b = UUID.randomUUID();

    @Test
    void aMemberThatLeftLosesItsEntriesAndStaysGone() {
        assertThat(directory.apply(a, DirectoryMessage.update(1, "echo", new AliasLoad(1, 0))))
                .isTrue();
        assertThat(directory.apply(b, DirectoryMessage.update(1, "echo", new AliasLoad(2, 0))))
                .isTrue();
        directory.retain(List.of(b));
        assertThat(directory.publishers("echo")).isEqualTo(Map.of(b, new AliasLoad(2, 0)));
        // A message of a's still in transit.
        assertThat(directory.apply(a, DirectoryMessage.update(2, "late", new AliasLoad(1, 0))))
                .isFalse();
        assertThat(directory.snapshot()).containsOnlyKeys(b);
    }

    @Test
    void aMemberBackAfterAMergeIsHeardAgain() {
        directory.apply(a, DirectoryMessage.update(1, "echo", new AliasLoad(1, 0)));
        directory.retain(List.of(b)); // the split
        directory.retain(List.of(a, b)); // the merge
        assertThat(directory.apply(a, DirectoryMessage.state(5, Map.of("echo", new AliasLoad(1, 2)))))
                .isTrue();
        assertThat(directory.publishers("echo")).isEqualTo(Map.of(a, new AliasLoad(1, 2)));
    }
}
