package io.switchboard.codec.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every control message survives the binary encoder and decoder with XML as the connection's codec. */
class XmlControlDocumentsTest {

    private static final Codec XML = Codec.forName("xml").orElseThrow();

    static Stream<Message> controlMessages() {
        return Stream.of(
                new Hello(1, "test", List.of("cbor", "json"), Map.of("token", "t"), 5000L),
                new Welcome(1, "sb", List.of("a", "b"), "cbor", 1024, 10_000, new Welcome.Limits(30_000, 300_000, 512)),
                new ErrorMessage(7, ErrorCode.METHOD_MISMATCH, "other methods"),
                new Ping(42),
                new Pong(43),
                new Shutdown(10_000, "admin request"),
                new XaPrepare(17, new Xid(4660, "0a0b", "01")),
                new XaCommit(18, new Xid(0, "ff", ""), true),
                new XaRollback(20, new Xid(-2, "abcd", "")),
                new XaRecover(21),
                new XaXids(21, List.of(new Xid(4660, "0a0b", "01"), new Xid(1, "ff", ""))),
                new Publish(1, "echo", List.of("say", "shout"), List.of("say"), 16),
                new Publish(2, "echo", List.of("say"), List.of(), null),
                new Rescind(3, "echo"),
                new Ack(3),
                new ListSessions(4),
                new Listing(4, List.of(new Listing.SessionInfo("echo", List.of("say"), List.of(), 2))),
                new Subscribe(5, "echo"),
                new Unsubscribe(6, "echo"),
                new SessionEvent(5, "echo", SessionState.PUBLISHED, List.of("say"), List.of()),
                new SessionEvent(0, "echo", SessionState.RESCINDED, null, null),
                new Register(
                        7,
                        "inventory",
                        List.of("tcp://10.0.0.5:7420", "unix:///run/inv.sock"),
                        Map.of("zone", "eu-1"),
                        null,
                        null),
                new Register(8, "cron", List.of("http://cron.local:8080/"), null, 30_000L, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Registered(7, "inventory", "q3V0cD7u1jYv4pYc7bHn0A", "Xy12", null),
                new Registered(8, "cron", "q3V0cD7u1jYv4pYc7bHn0A", "Xy12", 30_000L),
                new Unregister(9, "inventory", "q3V0cD7u1jYv4pYc7bHn0A"),
                new Refresh(10, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Resolve(11, "inventory"),
                new Entries(
                        11,
                        "inventory",
                        List.of(
                                new Entries.Entry("Xy12", List.of("tcp://10.0.0.5:7420"), Map.of("zone", "eu-1"), null),
                                new Entries.Entry("Ab34", List.of("unix:///run/inv.sock"), Map.of(), 5_000L))),
                new Entries(0, "inventory", List.of()),
                new Watch(12, "inventory"),
                new Unwatch(13, "inventory"),
                new TicketIssued(14, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Fetch(15, 0, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Fetch(16, 4_294_967_295L, "t"));
    }

    @ParameterizedTest
    @MethodSource("controlMessages")
    void controlMessagesRoundTripInXml(Message message) {
        assertThat(roundTrip(message)).isEqualTo(message);
    }

    @Test
    void aDocumentIsOneXmlElementWithSnakeCaseChildren() {
        ByteBuf frame = Unpooled.buffer();
        BinaryMessageEncoder.encode(
                new Publish(1, "echo", List.of("say"), List.of(), 16), XML, frame, Protocol.DEFAULT_MAX_FRAME_SIZE);
        frame.skipBytes(Protocol.LENGTH_FIELD_BYTES + 1);
        assertThat(frame.toString(StandardCharsets.UTF_8))
                .isEqualTo("<Publish><req>1</req><alias>echo</alias><methods><methods>say</methods></methods>"
                        + "<idempotent/><max_inflight>16</max_inflight></Publish>");
    }

    @Test
    void metadataKeysThatAreNoXmlNamesSurvive() {
        Register register =
                new Register(7, "inventory", List.of("tcp://h:1"), Map.of("zone id", "eu 1", "1st", "x"), null, null);
        assertThat(roundTrip(register)).isEqualTo(register);
    }

    @Test
    void deliverAndResultKeepTheirXmlPayloadBytes() {
        byte[] payload = "<Pair><a>2</a><b>3</b></Pair>".getBytes(StandardCharsets.UTF_8);
        Deliver deliver = (Deliver) roundTrip(new Deliver(9, "calc", "add", 1500, payload));
        assertThat(deliver.payload()).isEqualTo(payload);
        Result result = (Result) roundTrip(Result.ok(9, payload));
        assertThat(result.payload()).isEqualTo(payload);
    }

    @Test
    void xmlTextIsReadAsTheFieldsTypeAndTextThatIsNoReqIsRefusedUnderReqZero() {
        Message list = decode("<List><req>7</req></List>");
        assertThat(list).isEqualTo(new io.switchboard.protocol.message.ListSessions(7));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decode("<List><req>seven</req></List>"))
                .isInstanceOfSatisfying(io.switchboard.protocol.ProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains("\"req\"");
                    assertThat(e.code()).isEqualTo(io.switchboard.protocol.ErrorCode.BAD_REQUEST);
                });
    }

    private static Message decode(String body) {
        ByteBuf frame = Unpooled.buffer().writeByte(io.switchboard.protocol.FrameType.LIST.code());
        frame.writeCharSequence(body, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return BinaryMessageDecoder.decode(frame, XML);
        } finally {
            frame.release();
        }
    }

    private static Message roundTrip(Message message) {
        ByteBuf frame = Unpooled.buffer();
        BinaryMessageEncoder.encode(message, XML, frame, Protocol.DEFAULT_MAX_FRAME_SIZE);
        frame.skipBytes(Protocol.LENGTH_FIELD_BYTES);
        try {
            return BinaryMessageDecoder.decode(frame, XML);
        } finally {
            frame.release();
        }
    }
}
