package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * W5 for calls: a DELIVER whose binary frame fits the limit but whose text line for a text-mode publisher would not
 * (the line spells its fields out) is refused to the caller with bad-request instead of written over the limit; one
 * that fits as a line is delivered.
 */
class TextLineLimitTest {

    private static final int MAX_FRAME = 1024;

    @Test
    void aCallTooLongAsATextLineIsRefusedAndNoLineExceedsTheLimit() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).maxFrameSize(MAX_FRAME).build());
                TestPeer publisher = TestPeer.text(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.writeLine("{\"type\":\"hello\",\"version\":1,\"heartbeat_ms\":120000}");
            publisher.expect(Welcome.class);
            publisher.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"t\",\"methods\":[\"m\"]}");
            publisher.expect(Ack.class);
            caller.hello("json");

            byte[] tooLong = ("\"" + "x".repeat(990) + "\"").getBytes(StandardCharsets.UTF_8);
            caller.send(new Deliver(1, "t", "m", 5_000, tooLong)); // 1 + 8 + 4 + 1 + 2 + 2 + 992 bytes as a frame
            Result refused = caller.expect(Result.class);
            assertThat(refused.id()).isEqualTo(1);
            assertThat(refused.code()).isEqualTo(ResultCode.BAD_REQUEST);
            assertThat(refused.message()).contains("frame limit");

            byte[] fits = ("\"" + "x".repeat(800) + "\"").getBytes(StandardCharsets.UTF_8);
            caller.send(new Deliver(2, "t", "m", 5_000, fits));
            publisher.expect(Deliver.class);
            String line;
            while ((line = pollLine(publisher)) != null) {
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_FRAME);
            }
        }
    }

    private static String pollLine(TestPeer peer) {
        try {
            return peer.nextLine();
        } catch (AssertionError | InterruptedException e) {
            return null;
        }
    }
}
