package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.SessionDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryMessageTest {

    @Test
    void updateAndStateRoundTrip() {
        DirectoryMessage update = DirectoryMessage.update(42, "échö", new AliasLoad(3, 9));
        byte[] bytes = update.encode();
        assertThat(DirectoryMessage.decode(bytes, 0, bytes.length, 10)).isEqualTo(update);

        DirectoryMessage state = DirectoryMessage.state(7, Map.of("a", new AliasLoad(1, 0), "b", new AliasLoad(2, 5)));
        bytes = state.encode();
        assertThat(DirectoryMessage.decode(bytes, 0, bytes.length, 10)).isEqualTo(state);
    }

    @Test
    void definitionsTravelWithPublishTimeUpdatesAndStates() {
        SessionDefinition echo =
                new SessionDefinition("echo", List.of("say", "shout"), List.of("say"), SessionPolicy.REROUTE);
        DirectoryMessage update = DirectoryMessage.update(3, "echo", new AliasLoad(1, 0), echo);
        byte[] bytes = update.encode();
        assertThat(bytes[1]).isEqualTo((byte) 3);
        assertThat(DirectoryMessage.decode(bytes, 0, bytes.length, 10)).isEqualTo(update);
        DirectoryMessage state = DirectoryMessage.state(4, Map.of("echo", new AliasLoad(2, 1)), Map.of("echo", echo));
        bytes = state.encode();
        assertThat(bytes[1]).isEqualTo((byte) 4);
        assertThat(DirectoryMessage.decode(bytes, 0, bytes.length, 10)).isEqualTo(state);
        // A load sample stays small: no definition.
        assertThat(DirectoryMessage.update(5, "echo", new AliasLoad(2, 1)).encode())
                .hasSize(1 + 1 + 8 + 2 + 4 + 4 + 4);
    }

    @Test
    void definitionsAreCheckedLikeAPublish() {
        SessionDefinition bad = new SessionDefinition("echo", List.of("say", ""), List.of(), SessionPolicy.FAIL);
        byte[] empty =
                DirectoryMessage.update(1, "echo", new AliasLoad(1, 0), bad).encode();
        assertThatThrownBy(() -> DirectoryMessage.decode(empty, 0, empty.length, 10))
                .isInstanceOf(IllegalArgumentException.class);
        SessionDefinition stray = new SessionDefinition("echo", List.of("say"), List.of("shout"), SessionPolicy.FAIL);
        byte[] notAmong =
                DirectoryMessage.update(1, "echo", new AliasLoad(1, 0), stray).encode();
        assertThatThrownBy(() -> DirectoryMessage.decode(notAmong, 0, notAmong.length, 10))
                .hasMessageContaining("idempotent");
        // A count larger than the bytes left is refused before anything is allocated.
        SessionDefinition say = new SessionDefinition("echo", List.of("say"), List.of(), SessionPolicy.FAIL);
        byte[] good =
                DirectoryMessage.update(1, "echo", new AliasLoad(1, 0), say).encode();
        byte[] huge = Arrays.copyOf(good, good.length);
        int methodsCount = 1 + 1 + 8 + (2 + 4) + 4 + 4 + (2 + 4); // format, kind, version, alias, loads, policy
        huge[methodsCount] = 0x7f;
        assertThatThrownBy(() -> DirectoryMessage.decode(huge, 0, huge.length, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] update = DirectoryMessage.update(1, "a", new AliasLoad(1, 0)).encode();
        assertThatThrownBy(() -> DirectoryMessage.decode(update, 0, update.length - 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherFormat = Arrays.copyOf(update, update.length);
        otherFormat[0] = 9;
        assertThatThrownBy(() -> DirectoryMessage.decode(otherFormat, 0, otherFormat.length, 10))
                .hasMessageContaining("format");
        byte[] state = DirectoryMessage.state(1, Map.of("a", new AliasLoad(1, 0), "b", new AliasLoad(1, 0)))
                .encode();
        assertThatThrownBy(() -> DirectoryMessage.decode(state, 0, state.length, 1))
                .hasMessageContaining("at most");
    }
}
