package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.RemoteSessions;
import io.switchboard.server.routing.SessionDefinition;
import java.util.List;
import java.util.Map;
import org.jgroups.Address;
import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** Members' entries across views: a member that left is not brought back by its late messages, unless it returns. */
class ClusterDirectoryTest {

    private final ClusterDirectory directory = new ClusterDirectory(100);
    private final Address a = UUID.randomUUID();
    private final Address b = UUID.randomUUID();

    @Test
    void aMemberThatLeftLosesItsEntriesAndStaysGone() {
        assertThat(directory.apply(a, DirectoryMessage.update(1, "echo", new AliasLoad(1, 0), def("echo", "say"))))
                .containsExactly("echo");
        assertThat(directory.apply(b, DirectoryMessage.update(1, "echo", new AliasLoad(2, 0), def("echo", "say"))))
                .containsExactly("echo");
        assertThat(directory.retain(List.of(b))).containsExactly("echo");
        assertThat(directory.publishers("echo")).isEqualTo(Map.of(b, new AliasLoad(2, 0)));
        // A message of a's still in transit.
        assertThat(directory.apply(a, DirectoryMessage.update(2, "late", new AliasLoad(1, 0), def("late", "x"))))
                .isEmpty();
        assertThat(directory.snapshot()).containsOnlyKeys(b);
    }

    @Test
    void aMemberBackAfterAMergeIsHeardAgain() {
        directory.apply(a, DirectoryMessage.update(1, "echo", new AliasLoad(1, 0)));
        directory.retain(List.of(b)); // the split
        directory.retain(List.of(a, b)); // the merge
        assertThat(directory.apply(a, DirectoryMessage.state(5, Map.of("echo", new AliasLoad(1, 2)))))
                .containsExactly("echo");
        assertThat(directory.publishers("echo")).isEqualTo(Map.of(a, new AliasLoad(1, 2)));
    }

    private static SessionDefinition def(String alias, String... methods) {
        return new SessionDefinition(alias, List.of(methods), List.of(), SessionPolicy.FAIL);
    }

    @Test
    void listsPublishersSummedWithTheDefinitionOfTheFirstNodeByName() {
        Address named = UUID.randomUUID();
        Address first = UUID.randomUUID();
        NameCache.add(named, "node-b");
        NameCache.add(first, "node-a");
        directory.apply(named, DirectoryMessage.update(1, "echo", new AliasLoad(2, 0), def("echo", "say", "shout")));
        directory.apply(first, DirectoryMessage.update(1, "echo", new AliasLoad(1, 0), def("echo", "say")));
        RemoteSessions.RemoteSession echo = directory.find("echo");
        assertThat(echo.publishers()).isEqualTo(3);
        assertThat(echo.definition().methods()).containsExactly("say");
        assertThat(directory.all()).containsExactly(echo);
        // A load sample keeps the definition; only a publication change is reported.
        assertThat(directory.apply(first, DirectoryMessage.update(2, "echo", new AliasLoad(1, 5))))
                .isEmpty();
        assertThat(directory.find("echo").definition().methods()).containsExactly("say");
        assertThat(directory.apply(first, DirectoryMessage.update(3, "echo", AliasLoad.NONE)))
                .containsExactly("echo");
        assertThat(directory.find("echo")).isEqualTo(new RemoteSessions.RemoteSession(def("echo", "say", "shout"), 2));
        assertThat(directory.find("other")).isNull();
    }
}
