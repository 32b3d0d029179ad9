package io.switchboard.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Async calls typed as text-mode lines, as docs/protocol.md "Async calls" shows them: TICKET then the notifying
 * RESULT under the DELIVER's id, FETCH from another connection, pending, no-such-ticket, and what is refused.
 */
class AsyncTextModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(ServerConfig.builder().port(0).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TestPeer peer(String name) throws Exception {
        TestPeer peer = TestPeer.text(server.tcpPort());
        peer.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"" + name + "\"}");
        assertThat(line(peer).get("type").asText()).isEqualTo("welcome");
        return peer;
    }

    private static JsonNode line(TestPeer peer) throws Exception {
        while (true) {
            JsonNode node = JSON.readTree(peer.nextLine());
            if (!node.get("type").asText().equals("ping")) {
                return node;
            }
        }
    }

    @Test
    void aTicketThenTheNotificationAndAFetchFromAnotherConnection() throws Exception {
        try (TestPeer publisher = peer("pub");
                TestPeer caller = peer("nc");
                TestPeer fetcher = peer("other")) {
            publisher.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"report\",\"methods\":[\"build\"]}");
            assertThat(line(publisher).get("type").asText()).isEqualTo("ack");

            caller.writeLine("{\"type\":\"deliver\",\"id\":7,\"alias\":\"report\",\"method\":\"build\","
                    + "\"timeout_ms\":60000,\"async\":true,\"payload\":{\"month\":\"2026-10\"}}");
            JsonNode ticket = line(caller);
            assertThat(ticket.get("type").asText()).isEqualTo("ticket");
            assertThat(ticket.get("id").asLong()).isEqualTo(7);
            String id = ticket.get("ticket").asText();
            assertThat(id).hasSize(33); // TicketIds: the time of issue, then 128 random bits

            JsonNode forwarded = line(publisher);
            assertThat(forwarded.get("type").asText()).isEqualTo("deliver");
            assertThat(forwarded.has("async"))
                    .as("publishers see an ordinary call")
                    .isFalse();
            assertThat(forwarded.get("payload").toString()).isEqualTo("{\"month\":\"2026-10\"}");

            fetcher.writeLine("{\"type\":\"fetch\",\"req\":3,\"wait_ms\":0,\"ticket\":\"" + id + "\"}");
            JsonNode pending = line(fetcher);
            assertThat(pending.get("code").asText()).isEqualTo("pending");
            assertThat(pending.get("id").asLong()).isEqualTo(3);

            publisher.writeLine("{\"type\":\"result\",\"id\":"
                    + forwarded.get("id").asLong() + ",\"code\":\"ok\",\"payload\":{\"rows\":1204}}");
            JsonNode notified = line(caller);
            assertThat(notified.get("type").asText()).isEqualTo("result");
            assertThat(notified.get("id").asLong()).isEqualTo(7);
            assertThat(notified.get("payload").toString()).isEqualTo("{\"rows\":1204}");

            fetcher.writeLine("{\"type\":\"fetch\",\"req\":4,\"wait_ms\":0,\"ticket\":\"" + id + "\"}");
            JsonNode fetched = line(fetcher);
            assertThat(fetched.get("id").asLong()).isEqualTo(4);
            assertThat(fetched.get("code").asText()).isEqualTo("ok");
            assertThat(fetched.get("payload").toString()).isEqualTo("{\"rows\":1204}");
        }
    }

    @Test
    void refusedCallsGetNoTicketAndUnknownTicketsAreSaidSo() throws Exception {
        try (TestPeer caller = peer("nc")) {
            caller.writeLine("{\"type\":\"deliver\",\"id\":1,\"alias\":\"nobody\",\"method\":\"x\",\"async\":true}");
            JsonNode refused = line(caller);
            assertThat(refused.get("type").asText()).isEqualTo("result");
            assertThat(refused.get("code").asText()).isEqualTo("no-such-session");

            caller.writeLine("{\"type\":\"deliver\",\"id\":2,\"alias\":\"$lines\",\"method\":\"send\",\"async\":true}");
            assertThat(line(caller).get("code").asText()).isEqualTo("bad-request");

            caller.writeLine("{\"type\":\"deliver\",\"id\":3,\"alias\":\"a\",\"method\":\"x\",\"async\":\"yes\"}");
            JsonNode badFlag = line(caller);
            assertThat(badFlag.get("code").asText()).isEqualTo("bad-request");
            assertThat(badFlag.get("message").asText()).contains("async");

            caller.writeLine("{\"type\":\"fetch\",\"req\":5,\"wait_ms\":100,\"ticket\":\"never-issued\"}");
            JsonNode unknown = line(caller);
            assertThat(unknown.get("id").asLong()).isEqualTo(5);
            assertThat(unknown.get("code").asText()).isEqualTo("no-such-ticket");
        }
    }
}
