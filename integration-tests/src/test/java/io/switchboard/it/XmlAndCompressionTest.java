package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Person;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Java client with the XML codec (a plug-in) and with payload compression, against a real server. */
class XmlAndCompressionTest {

    private SwitchboardServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        Fixtures.closeAll(server);
        handlers.shutdownNow();
    }

    private SwitchboardClient client(String codec, boolean compression) {
        ClientOptions options = Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.valueOf(codec))
                .codec(codec)
                .compression(compression)
                .build();
        return SwitchboardClient.connect(options);
    }

    @ParameterizedTest(name = "caller {0}, publisher {1}")
    @CsvSource({"xml,cbor", "cbor,xml", "xml,xml", "json,xml", "xml,smile"})
    void recordsAndBeansTravelBetweenXmlAndTheOtherCodecs(String callerCodec, String publisherCodec) throws Exception {
        server = SwitchboardServer.start(Fixtures.serverConfig().build());
        try (SwitchboardClient publisher = client(publisherCodec, false);
                SwitchboardClient caller = client(callerCodec, false);
                Publication pub = publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers)) {
            assertThat(caller.codec()).contains(Codec.valueOf(callerCodec));
            assertThat(publisher.codec()).contains(Codec.valueOf(publisherCodec));

            assertThat(caller.call("calc", "add", new Pair(2, 3), Sum.class)).isEqualTo(new Sum(5));
            Person shouted = caller.call("calc", "shout", new Person("ada", 36), Person.class);
            assertThat(shouted.name).isEqualTo("ADA");
            assertThat(shouted.age).isEqualTo(37);
            assertThat(caller.call("calc", "nothing", null, Sum.class)).isNull();
        }
    }

    @ParameterizedTest(name = "server compression {0}, caller {1}, publisher {2}")
    @CsvSource({"true,true,false", "true,false,true", "true,true,true", "false,true,true"})
    void largePayloadsTravelWhetherEachPeerCompressesOrNot(
            boolean serverCompression, boolean callerCompression, boolean publisherCompression) throws Exception {
        server = SwitchboardServer.start(
                Fixtures.serverConfig().compression(serverCompression).build());
        String large = "line of compressible text, ".repeat(64 * 1024 / 27);
        try (SwitchboardClient publisher = client("cbor", publisherCompression);
                SwitchboardClient caller = client("json", callerCompression);
                Publication pub = publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers)) {
            Person shouted = caller.call("calc", "shout", new Person(large, 1), Person.class);
            assertThat(shouted.name).isEqualTo(large.toUpperCase());
            assertThat(caller.call("calc", "add", new Pair(20, 22), Sum.class)).isEqualTo(new Sum(42));
        }
    }

    @Test
    void anXmlCallerWithCompressionTalksToACompressingCborPublisher() throws Exception {
        server = SwitchboardServer.start(
                Fixtures.serverConfig().compression(true).build());
        String large = "<not markup> & text ".repeat(4000);
        try (SwitchboardClient publisher = client("cbor", true);
                SwitchboardClient caller = client("xml", true);
                Publication pub = publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers)) {
            Person shouted = caller.call("calc", "shout", new Person(large, 1), Person.class);
            assertThat(shouted.name).isEqualTo(large.toUpperCase());
        }
    }
}
