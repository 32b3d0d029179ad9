package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W10 over real sockets: the numbers that used to be altered on the way (1e400 as Infinity, ...) arrive with their
 * exact value at publishers of every codec and back at a text-mode caller, and as their very text at a text-mode
 * publisher called in binary JSON.
 */
class NumberFidelityTest {

    private static final List<String> NUMBERS =
            List.of("1e400", "12345678901234567890.123456789", "0.1000000000000000000001", "1E+2");
    private static final String ARRAY = "[" + String.join(",", NUMBERS) + "]";
    private static final ObjectMapper EXACT = PayloadTranscoder.exactJson();
    private static SwitchboardServer server;

    @BeforeAll
    static void start() {
        server = SwitchboardServer.start(ServerConfig.builder().port(0).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cbor", "smile", "xml", "json"})
    void aTextCallersNumbersReachEachCodecAndComeBackExact(String codec) throws Exception {
        String alias = "numbers-" + codec;
        try (TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.text(server.tcpPort())) {
            publisher.hello(codec);
            publisher.send(new Publish(1, alias, List.of("echo"), null, null));
            publisher.expect(Ack.class);
            caller.writeLine("{\"type\":\"hello\",\"version\":1}");
            caller.expect(Welcome.class);
            caller.writeLine("{\"type\":\"deliver\",\"id\":5,\"alias\":\"" + alias + "\",\"method\":\"echo\","
                    + "\"timeout_ms\":10000,\"payload\":{\"n\":" + ARRAY + "}}");
            Deliver deliver = publisher.expect(Deliver.class);
            ObjectMapper reader = codec.equals("json")
                    ? EXACT
                    : Codec.forName(codec).orElseThrow().mapper();
            JsonNode received = reader.readTree(deliver.payload());
            assertNumbers(elements(received.get("n")), codec + " publisher");

            publisher.send(Result.ok(deliver.id(), deliver.payload()));
            Result back = caller.expect(Result.class);
            JsonNode answer = EXACT.readTree(back.payload());
            assertNumbers(elements(answer.get("n")), codec + " and back");
        }
    }

    @Test
    void aTextPublisherGetsABinaryJsonCallersNumbersAsWritten() throws Exception {
        try (TestPeer publisher = TestPeer.text(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.writeLine("{\"type\":\"hello\",\"version\":1}");
            publisher.expect(Welcome.class);
            publisher.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"numbers-text\",\"methods\":[\"echo\"]}");
            publisher.expect(Ack.class);
            caller.hello("json");
            caller.send(new Deliver(
                    7,
                    "numbers-text",
                    "echo",
                    10_000,
                    ("{\n  \"n\" : " + ARRAY + "\n}").getBytes(StandardCharsets.UTF_8)));
            String line = publisher.nextLine();
            while (!line.contains("\"deliver\"")) {
                line = publisher.nextLine();
            }
            assertThat(line).contains("\"payload\":{\"n\":" + ARRAY + "}");
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.elements().forEachRemaining(items::add);
        return items;
    }

    private static void assertNumbers(List<JsonNode> items, String where) {
        // XML carries text: its items come back as strings; every other codec as numbers. Either way, the value.
        assertThat(items).as(where).hasSize(NUMBERS.size());
        for (int i = 0; i < NUMBERS.size(); i++) {
            assertThat(new BigDecimal(items.get(i).asText()))
                    .as(where + ": " + NUMBERS.get(i) + " arrived as " + items.get(i))
                    .isEqualByComparingTo(new BigDecimal(NUMBERS.get(i)));
        }
    }
}
