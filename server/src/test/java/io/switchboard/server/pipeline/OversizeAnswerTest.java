package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * W5: an answer that cannot fit the peer's maximum frame even alone (one session whose methods take more room in
 * XML than the CBOR PUBLISH that declared them) fails its own request with {@code frame-too-large} under its req,
 * instead of an ERROR with req 0; the connection goes on.
 */
class OversizeAnswerTest {

    @Test
    void anAnswerTooLargeForAnyFrameFailsItsRequestAndTheConnectionGoesOn() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).maxFrameSize(1024).build());
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer xml = TestPeer.binary(server.tcpPort())) {
            publisher.hello("cbor");
            List<String> methods = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                methods.add(String.format("method%04d", i));
            }
            publisher.send(new Publish(1, "wide", methods, null, null));
            publisher.expect(Ack.class);

            xml.hello("xml");
            xml.send(new ListSessions(5));
            ErrorMessage error = xml.expect(ErrorMessage.class);
            assertThat(error.req()).isEqualTo(5);
            assertThat(error.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
            assertThat(error.message()).contains("LISTING").contains("1024");
            // The same for SUBSCRIBE's first SESSION, which carries the methods too.
            xml.send(new Subscribe(6, "wide"));
            ErrorMessage subscribe = xml.expect(ErrorMessage.class);
            assertThat(subscribe.req()).isEqualTo(6);
            assertThat(subscribe.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);

            // The connection goes on: a LIST whose answer fits is answered. (The SUBSCRIBE took effect, only its
            // first answer could not be sent: the RESCINDED event reaches this connection too.)
            publisher.send(new io.switchboard.protocol.message.Rescind(2, "wide"));
            publisher.expect(Ack.class);
            xml.send(new ListSessions(7));
            assertThat(xml.await(Listing.class).req()).isEqualTo(7);
        }
    }
}
