package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The codec "xml", a plug-in on the server's class path, mixed with the built-in codecs over real sockets. */
class XmlCodecTest {

    private final List<TestPeer> peers = new ArrayList<>();
    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(ServerConfig.builder().port(0).build());
    }

    @AfterEach
    void stop() throws Exception {
        for (TestPeer peer : peers) {
            peer.close();
        }
        server.close();
    }

    private TestPeer binary(String codec) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peers.add(peer);
        Welcome welcome = peer.hello(codec);
        assertThat(welcome.codec()).isEqualTo(codec);
        return peer;
    }

    private static TestPeer published(TestPeer peer, String alias) throws Exception {
        peer.send(new Publish(1, alias, List.of("add"), List.of(), null));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return peer;
    }

    @Test
    void anXmlCallerCallsACborPublisherAndGetsItsAnswerInXml() throws Exception {
        TestPeer publisher = published(binary("cbor"), "calc");
        TestPeer caller = binary("xml");

        caller.send(new Deliver(7, "calc", "add", 5_000, utf8("<Pair><a>2</a><b>3</b></Pair>")));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(Codec.CBOR.mapper().readTree(delivered.payload()).toString()).isEqualTo("{\"a\":\"2\",\"b\":\"3\"}");

        publisher.send(Result.ok(delivered.id(), Codec.CBOR.mapper().writeValueAsBytes(java.util.Map.of("sum", 5))));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(7);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(text(result.payload())).isEqualTo("<payload><sum>5</sum></payload>");
    }

    @Test
    void aJsonTextModeCallerCallsAnXmlPublisher() throws Exception {
        TestPeer publisher = published(binary("xml"), "calc");
        TestPeer caller = TestPeer.text(server.tcpPort());
        peers.add(caller);
        caller.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"nc\"}");
        caller.expect(Welcome.class);

        caller.writeLine("{\"type\":\"deliver\",\"id\":3,\"alias\":\"calc\",\"method\":\"add\",\"timeout_ms\":5000,"
                + "\"payload\":{\"a\":2,\"b\":3,\"tags\":[\"x\",\"y\"],\"note\":null}}");
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(text(delivered.payload()))
                .isEqualTo("<payload><a>2</a><b>3</b><tags>x</tags><tags>y</tags>"
                        + "<note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/></payload>");

        publisher.send(Result.ok(delivered.id(), utf8("<Sum><sum>5</sum><exact>true</exact></Sum>")));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(3);
        assertThat(text(result.payload())).isEqualTo("{\"sum\":\"5\",\"exact\":\"true\"}");
    }

    @Test
    void twoXmlPeersExchangeTheirPayloadBytesUntouchedAndControlDocumentsAreXml() throws Exception {
        TestPeer publisher = published(binary("xml"), "calc");
        TestPeer caller = binary("xml");
        byte[] argument = utf8("<?xml version=\"1.0\"?><Pair a=\"2\"><b>3</b></Pair>");
        caller.send(new Deliver(1, "calc", "add", 5_000, argument));
        assertThat(publisher.expect(Deliver.class).payload()).isEqualTo(argument);

        caller.send(new ListSessions(2));
        Listing listing = caller.expect(Listing.class);
        assertThat(listing.sessions())
                .singleElement()
                .satisfies(s -> assertThat(s.alias()).isEqualTo("calc"));
    }

    @Test
    void anXmlArgumentThatIsNotXmlIsBadRequestForTheCaller() throws Exception {
        published(binary("json"), "calc");
        TestPeer caller = binary("xml");
        caller.send(new Deliver(4, "calc", "add", 5_000, utf8("{\"a\":2}")));
        Result result = caller.expect(Result.class);
        assertThat(result.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(result.message()).startsWith("payload is not valid xml: ");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
