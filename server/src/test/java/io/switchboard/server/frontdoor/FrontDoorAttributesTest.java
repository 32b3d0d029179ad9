package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Line attributes: set through {@code $lines set-attributes}, returned with every event and welcome-back. */
class FrontDoorAttributesTest extends FrontDoorServerTest {

    private HandlerPeer handler;
    private TcpUser user;
    private String line;

    @BeforeEach
    void startWithAHandlerAndAUser() throws Exception {
        start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat"));
        handler = track(HandlerPeer.publish(server.tcpPort(), "chat", "cbor"));
        handler.ack("welcome-back");
        user = track(new TcpUser(server.frontDoorPort("chat")));
        Deliver connect = handler.event("connect");
        assertThat(connect.meta().headers()).doesNotContainKey("attr.nick");
        line = connect.meta().headers().get("line");
        // Set while handling the connect, as an application would, before answering it.
        assertThat(setAttributes(Map.of("nick", "ada", "room", "lobby")).code()).isEqualTo(ResultCode.OK);
        handler.ok(connect, null);
    }

    private Result setAttributes(Map<String, ?> attributes) throws Exception {
        return handler.lines("set-attributes", Map.of("line", line, "attributes", attributes));
    }

    @Test
    void everyLaterEventCarriesTheAttributesAndANullRemovesOne() throws Exception {
        user.send("hello");
        Deliver input = handler.event("input");
        assertThat(input.meta().headers())
                .containsEntry("attr.nick", "ada")
                .containsEntry("attr.room", "lobby")
                .containsEntry("line", line);
        handler.ok(input, null);

        // The codecs' mappers leave null map values out, so the document is a tree, which keeps them.
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.put("nick", "grace");
        changes.putNull("room");
        assertThat(handler.lines("set-attributes", Map.of("line", line, "attributes", changes))
                        .code())
                .isEqualTo(ResultCode.OK);
        user.close();
        Deliver disconnect = handler.ack("disconnect");
        assertThat(disconnect.meta().headers())
                .containsEntry("attr.nick", "grace")
                .doesNotContainKey("attr.room");
    }

    @Test
    void theWelcomeBackOfTheNextInstanceListsEachLinesAttributes() throws Exception {
        handler.close();
        user.send("typed while nobody handles the door");
        HandlerPeer next = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        Deliver welcome = next.event("welcome-back");
        JsonNode entry = next.payload(welcome).get("lines").get(0);
        assertThat(entry.get("line").asText()).isEqualTo(line);
        assertThat(entry.get("attributes").get("nick").asText()).isEqualTo("ada");
        assertThat(entry.get("attributes").get("room").asText()).isEqualTo("lobby");
        next.ok(welcome, null);
        Deliver buffered = next.event("input");
        assertThat(buffered.meta().headers()).containsEntry("attr.nick", "ada");
    }

    @Test
    void overTheBoundsIsABadRequestNamingTheBoundAndChangesNothing() throws Exception {
        Map<String, String> seventeen = new LinkedHashMap<>();
        for (int i = 0; i < 15; i++) {
            seventeen.put("a" + i, "x");
        }
        Result tooMany = setAttributes(seventeen);
        assertThat(tooMany.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(tooMany.message()).isEqualTo("a line holds at most 16 attributes; this would make 17");

        Result longName = setAttributes(Map.of("n".repeat(65), "x"));
        assertThat(longName.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(longName.message()).contains("is 65 UTF-8 bytes; the most is 64");

        Result tooBig = setAttributes(Map.of("bio", "b".repeat(4096)));
        assertThat(tooBig.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(tooBig.message())
                .isEqualTo(
                        "a line's attributes take at most 4096 UTF-8 bytes (names and values); this would make 4115");

        Result notAString = setAttributes(Map.of("age", 42));
        assertThat(notAString.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(notAString.message()).isEqualTo("'attributes.age' must be a string, or null to remove it");

        Result missing = handler.lines("set-attributes", Map.of("line", line));
        assertThat(missing.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(missing.message()).contains("'attributes'");

        user.send("after the refusals");
        Deliver input = handler.ack("input");
        assertThat(input.meta().headers())
                .containsEntry("attr.nick", "ada")
                .containsEntry("attr.room", "lobby")
                .doesNotContainKeys("attr.a0", "attr.bio", "attr.age");
    }

    @Test
    void aLineThatIsNotOpenIsNoSuchLine() throws Exception {
        Result result = handler.lines("set-attributes", Map.of("line", "nope", "attributes", Map.of("nick", "x")));
        assertThat(result.code()).isEqualTo(ResultCode.NO_SUCH_LINE);
        assertThat(result.message()).isEqualTo("line nope is not open");
    }
}
