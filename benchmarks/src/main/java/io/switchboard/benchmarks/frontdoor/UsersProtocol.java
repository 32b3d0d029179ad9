package io.switchboard.benchmarks.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.Locale;

/**
 * What the users speak: text lines on a tcp front door, or text frames on a websocket one. Each protocol names the
 * server's front door, builds a user's pipeline in front of the shared counter, and says when a line is open.
 */
enum UsersProtocol {
    TCP,
    WEBSOCKET;

    static final List<String> CHOICES = List.of("tcp", "websocket");

    /** The websocket front door's path: not "/", so a user reaching the door proves the path is honoured. */
    private static final String PATH = "/bench";
    /** As the tcp users' connect timeout, and the server's default handshake-timeout. */
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /** The upgrade response is headers only. */
    private static final int MAX_UPGRADE_RESPONSE_BYTES = 8192;

    /** One of {@link #CHOICES}, already checked by the settings. */
    static UsersProtocol of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The server's {@code --front-door} URL for this protocol on loopback, with {@code query} as its options. */
    String frontDoor(int port, String query) {
        return label() + "://127.0.0.1:" + port + (this == WEBSOCKET ? PATH : "") + "?" + query;
    }

    /** A user's pipeline: this protocol's decoding, then {@code counter}. */
    void initChannel(Channel channel, int port, ChannelHandler counter) {
        if (this == TCP) {
            channel.pipeline().addLast(new LineBasedFrameDecoder(1024), counter);
            return;
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri("ws://127.0.0.1:" + port + PATH)
                .allowExtensions(false)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
                .dropPongFrames(true)
                // Close as the tcp users do, at once: the teardown is not measured.
                .sendCloseFrame(null)
                .build();
        channel.pipeline()
                .addLast(new HttpClientCodec())
                .addLast(new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES))
                .addLast(new WebSocketClientProtocolHandler(config))
                .addLast(new UpgradeWatch())
                .addLast(counter);
    }

    /** Done when the connected {@code channel} is a line the server holds: at once for tcp, after the upgrade. */
    Future<?> opened(Channel channel) {
        return this == TCP
                ? channel.newSucceededFuture()
                : channel.pipeline().get(UpgradeWatch.class).upgraded();
    }
}
