package io.switchboard.server.gather;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scatter-gather (DELIVER flag ALL) over real sockets, with publishers and callers of mixed codecs and modes. */
class ScatterGatherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SwitchboardServer server;

    @BeforeEach
    void start() throws Exception {
        server = SwitchboardServer.start(ServerConfig.builder().port(0).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyPublisherAnswersInItsOwnCodecTheSlowOneTimesOutAndOneResultEndsTheCallWithTheCounts() throws Exception {
        try (TestPeer jsonPublisher = publisher("json");
                TestPeer cborPublisher = publisher("cbor");
                TestPeer silent = publisher("smile");
                TestPeer text = TestPeer.text(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            text.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"nc\"}");
            assertThat(JSON.readTree(text.nextLine()).get("type").asText()).isEqualTo("welcome");
            text.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"census\",\"methods\":[\"count\"]}");
            assertThat(JSON.readTree(text.nextLine()).get("type").asText()).isEqualTo("ack");
            caller.hello("cbor");
            byte[] argument = Codec.CBOR.mapper().writeValueAsBytes(Map.of("region", "north"));

            caller.send(new Deliver(42, "census", "count", 1500, CallMeta.NONE, argument, false, true));

            Deliver toJson = jsonPublisher.expect(Deliver.class);
            assertThat(JSON.readTree(toJson.payload()).get("region").asText()).isEqualTo("north");
            assertThat(toJson.all()).as("publishers see an ordinary DELIVER").isFalse();
            jsonPublisher.send(Result.ok(toJson.id(), "{\"people\":3}".getBytes(StandardCharsets.UTF_8)));
            Deliver toCbor = cborPublisher.expect(Deliver.class);
            cborPublisher.send(Result.ok(toCbor.id(), Codec.CBOR.mapper().writeValueAsBytes(Map.of("people", 4))));
            JsonNode toText = JSON.readTree(text.nextLine());
            assertThat(toText.get("payload").get("region").asText()).isEqualTo("north");
            text.writeLine("{\"type\":\"result\",\"id\":" + toText.get("id").asLong()
                    + ",\"code\":\"handler-error\",\"message\":\"census closed\"}");
            silent.expect(Deliver.class); // and never answered

            List<Reply> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(caller.expect(Reply.class));
            }
            assertThat(replies).allSatisfy(reply -> assertThat(reply.id()).isEqualTo(42));
            assertThat(replies).extracting(Reply::publisher).doesNotHaveDuplicates();
            assertThat(replies)
                    .extracting(Reply::code)
                    .containsExactlyInAnyOrder(ResultCode.OK, ResultCode.OK, ResultCode.HANDLER_ERROR);
            assertThat(replies)
                    .filteredOn(reply -> reply.code() == ResultCode.OK)
                    .extracting(reply -> Codec.CBOR
                            .mapper()
                            .readTree(reply.payload())
                            .get("people")
                            .asInt())
                    .containsExactlyInAnyOrder(3, 4);
            Reply timedOut = caller.expect(Reply.class);
            assertThat(timedOut.code()).isEqualTo(ResultCode.TIMEOUT);
            assertThat(replies).extracting(Reply::publisher).doesNotContain(timedOut.publisher());

            Result end = caller.expect(Result.class);
            assertThat(end.id()).isEqualTo(42);
            assertThat(end.code()).isEqualTo(ResultCode.OK);
            assertThat(Codec.CBOR.mapper().readTree(end.payload()).toString())
                    .isEqualTo("{\"publishers\":4,\"ok\":2,\"failed\":1,\"timed_out\":1}");
        }
    }

    @Test
    void aTextCallerGetsReplyLinesThenTheResult() throws Exception {
        try (TestPeer publisher = publisher("cbor");
                TestPeer text = TestPeer.text(server.tcpPort())) {
            text.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"nc\"}");
            text.nextLine();
            text.writeLine("{\"type\":\"deliver\",\"id\":5,\"alias\":\"census\",\"method\":\"count\",\"all\":true,"
                    + "\"payload\":[1]}");
            Deliver call = publisher.expect(Deliver.class);
            publisher.send(Result.ok(call.id(), Codec.CBOR.mapper().writeValueAsBytes(List.of("x"))));

            JsonNode reply = JSON.readTree(text.nextLine());
            assertThat(reply.get("type").asText()).isEqualTo("reply");
            assertThat(reply.get("id").asLong()).isEqualTo(5);
            assertThat(reply.get("publisher").asLong()).isPositive();
            assertThat(reply.get("code").asText()).isEqualTo("ok");
            assertThat(reply.get("payload").toString()).isEqualTo("[\"x\"]");
            assertThat(text.nextLine())
                    .isEqualTo("{\"type\":\"result\",\"id\":5,\"code\":\"ok\","
                            + "\"payload\":{\"publishers\":1,\"ok\":1,\"failed\":0,\"timed_out\":0}}");
        }
    }

    @Test
    void whatCannotBeGatheredIsAnsweredByTheResultAlone() throws Exception {
        try (TestPeer publisher = publisher("json");
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            caller.hello("json");
            caller.send(new Deliver(1, "nobody", "count", 0, CallMeta.NONE, new byte[0], false, true));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
            caller.send(new Deliver(2, "census", "shout", 0, CallMeta.NONE, new byte[0], false, true));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
            caller.send(new Deliver(3, "census", "count", 0, CallMeta.NONE, new byte[0], true, true));
            Result both = caller.expect(Result.class);
            assertThat(both.code()).isEqualTo(ResultCode.BAD_REQUEST);
            assertThat(both.message()).contains("both async and scatter-gather");
        }
    }

    private TestPeer publisher(String codec) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peer.hello(codec);
        peer.send(new Publish(1, "census", List.of("count"), null, null));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return peer;
    }
}
