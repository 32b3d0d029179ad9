package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.Line;
import io.switchboard.client.WelcomeBack;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WelcomeBackAssemblyTest {

    private static WelcomeBack.Entry entry(String id, String frontDoor) {
        return new WelcomeBack.Entry(new Line(id, "10.0.0.1:1", "tcp", Instant.EPOCH, frontDoor, false), true, 0);
    }

    private static WelcomeBackPart part(String frontDoor, boolean more, String... ids) {
        return new WelcomeBackPart(
                frontDoor,
                "moved",
                java.util.Arrays.stream(ids).map(id -> entry(id, frontDoor)).toList(),
                List.of(),
                more);
    }

    @Test
    void partsOfTwoFrontDoorsSharingAnAliasAreJoinedApart() {
        WelcomeBackAssembly assembly = new WelcomeBackAssembly();
        Object connection = new Object();
        assertThat(assembly.add(connection, part("tcp-door", true, "a", "b"))).isEmpty();
        Optional<WelcomeBack> ws = assembly.add(connection, part("ws-door", false, "x"));
        Optional<WelcomeBack> tcp = assembly.add(connection, part("tcp-door", false, "c"));

        assertThat(ws)
                .get()
                .satisfies(w ->
                        assertThat(w.lines()).extracting(e -> e.line().id()).containsExactly("x"));
        assertThat(tcp).get().satisfies(w -> {
            assertThat(w.frontDoor()).isEqualTo("tcp-door");
            assertThat(w.lines()).extracting(e -> e.line().id()).containsExactly("a", "b", "c");
        });
    }

    @Test
    void aPartOnANewConnectionStartsAfresh() {
        WelcomeBackAssembly assembly = new WelcomeBackAssembly();
        assertThat(assembly.add(new Object(), part("door", true, "stale"))).isEmpty();
        Optional<WelcomeBack> fresh = assembly.add(new Object(), part("door", false, "a"));
        assertThat(fresh)
                .get()
                .satisfies(w ->
                        assertThat(w.lines()).extracting(e -> e.line().id()).containsExactly("a"));
    }
}
