package io.switchboard.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code max-partial-frame-bytes}: peers that send most of a large frame and stall cannot take the server's memory;
 * the stalled frame that waited longest is refused first, and calls between others go on.
 */
class PartialFramesTest {

    private static final int MAX_FRAME = 64 * 1024;
    private static final int STALLED = 60_000;

    @Test
    void theOldestStalledFrameIsRefusedWhenIncompleteFramesHoldTooMuch() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .maxFrameSize(MAX_FRAME)
                .maxPartialFrameBytes(300_000)
                .build();
        List<TestPeer> attackers = new ArrayList<>();
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("json");
            publisher.send(new Publish(1, "echo", List.of("say"), null, null));
            publisher.expect(Ack.class);
            caller.hello("json");

            // Each attacker announces a frame of MAX_FRAME bytes, sends STALLED of them and stops: ~64 KiB held each.
            for (int i = 0; i < 8 && server.stats().overloaded() == 0; i++) {
                TestPeer attacker = TestPeer.binary(server.tcpPort());
                attackers.add(attacker);
                attacker.hello("json");
                byte[] partial = new byte[4 + STALLED];
                ByteBuffer.wrap(partial).putInt(MAX_FRAME - 4);
                Arrays.fill(partial, 4, partial.length, (byte) 7);
                attacker.writeRaw(partial);
                Thread.sleep(100); // read by the server, and one older than the next
            }
            awaitOverloaded(server);

            ErrorMessage refused = attackers.get(0).expect(ErrorMessage.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(refused.message()).contains("max-partial-frame-bytes");
            attackers.get(0).awaitClosed();
            TestPeer newest = attackers.get(attackers.size() - 1);
            assertThat(newest.poll(Duration.ofMillis(300)))
                    .as("the newest stalled frame is kept")
                    .isNull();

            // Calls between well-behaved peers go on.
            caller.send(new Deliver(1, "echo", "say", 30_000, "\"hi\"".getBytes()));
            Deliver call = publisher.expect(Deliver.class);
            publisher.send(Result.ok(call.id(), call.payload()));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        } finally {
            for (TestPeer attacker : attackers) {
                attacker.close();
            }
        }
    }

    private static void awaitOverloaded(SwitchboardServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (server.stats().overloaded() == 0) {
            assertThat(System.nanoTime() < deadline)
                    .as("a stalled frame refused in time")
                    .isTrue();
            Thread.sleep(10);
        }
    }
}
