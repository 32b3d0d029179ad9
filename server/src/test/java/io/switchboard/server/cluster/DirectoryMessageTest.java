package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.routing.AliasLoad;
import java.util.Arrays;
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
