package io.switchboard.benchmarks.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class UsersProtocolTest {

    @Test
    void theFrontDoorUrlHasTheProtocolsFormWithTheSameOptions() {
        assertThat(UsersProtocol.of("tcp").frontDoor(7430, "alias=bench-door&max-lines=3"))
                .isEqualTo("tcp://127.0.0.1:7430?alias=bench-door&max-lines=3");
        assertThat(UsersProtocol.of("websocket").frontDoor(7431, "alias=bench-door&max-lines=3"))
                .isEqualTo("websocket://127.0.0.1:7431/bench?alias=bench-door&max-lines=3");
        assertThat(UsersProtocol.CHOICES).containsExactly(UsersProtocol.TCP.label(), UsersProtocol.WEBSOCKET.label());
    }

    @Test
    void aWebSocketLineIsOpenOnlyOnceItsHandshakeCompleted() {
        EmbeddedChannel channel = new EmbeddedChannel(new UpgradeWatch());
        Future<?> opened = UsersProtocol.WEBSOCKET.opened(channel);
        channel.pipeline().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_ISSUED);
        assertThat(opened.isDone()).isFalse();
        channel.pipeline().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        assertThat(opened.isSuccess()).isTrue();
        assertThat(UsersProtocol.TCP.opened(new EmbeddedChannel()).isSuccess()).isTrue();
    }

    @Test
    void aFailedUpgradeNamesItsFirstReason() {
        EmbeddedChannel refused = new EmbeddedChannel(new UpgradeWatch());
        Future<?> refusedOpened = UsersProtocol.WEBSOCKET.opened(refused);
        refused.pipeline().fireExceptionCaught(new IOException("Invalid handshake response getStatus: 429"));
        assertThat(refusedOpened.cause()).hasMessageContaining("429");
        assertThat(refused.isOpen()).isFalse();

        EmbeddedChannel slow = new EmbeddedChannel(new UpgradeWatch());
        Future<?> slowOpened = UsersProtocol.WEBSOCKET.opened(slow);
        slow.pipeline().fireUserEventTriggered(ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT);
        slow.close();
        assertThat(slowOpened.cause()).hasMessage("websocket handshake timed out");

        EmbeddedChannel closed = new EmbeddedChannel(new UpgradeWatch());
        Future<?> closedOpened = UsersProtocol.WEBSOCKET.opened(closed);
        closed.close();
        assertThat(closedOpened.cause()).hasMessage("closed before the websocket handshake completed");
    }
}
