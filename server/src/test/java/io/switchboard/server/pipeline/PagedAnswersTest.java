package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W5: answers larger than the maximum frame come as pages (same req, {@code more} on all but the last), and no frame
 * or line ever exceeds the maximum, in every codec and in text mode: LIST over many sessions, RESOLVE and WATCH
 * (first answer and notifications) of a name whose entries exceed a frame.
 */
class PagedAnswersTest {

    private static final int MAX_FRAME = 1024;
    private static final int SESSIONS = 120;
    private static final int ENTRIES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SwitchboardServer server;
    private static final List<TestPeer> publishers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = SwitchboardServer.start(
                ServerConfig.builder().port(0).maxFrameSize(MAX_FRAME).build());
        TestPeer publisher = TestPeer.binary(server.tcpPort());
        publisher.hello("cbor");
        publishers.add(publisher);
        for (int i = 0; i < SESSIONS; i++) {
            publisher.send(new Publish(
                    i + 1,
                    String.format("session-%04d-with-a-longish-name", i),
                    List.of("method-one", "method-two", "method-three"),
                    List.of("method-one"),
                    null));
            publisher.expect(Ack.class);
        }
        for (int i = 0; i < ENTRIES; i++) {
            publisher.send(new Register(
                    1000 + i,
                    "big",
                    List.of("tcp://10.0.0." + i + ":9000"),
                    Map.of("zone", "eu-" + i, "note", "x".repeat(60)),
                    null,
                    null));
            publisher.expect(Registered.class);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestPeer peer : publishers) {
            peer.close();
        }
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "cbor", "smile", "xml"})
    void listResolveAndWatchArePagedWithinTheMaximumFrame(String mode) throws Exception {
        try (RawPeer peer = new RawPeer(mode)) {
            peer.send(new ListSessions(7));
            List<String> aliases = new ArrayList<>();
            int pages = 0;
            while (true) {
                Listing page = (Listing) peer.next();
                assertThat(page.req()).isEqualTo(7);
                page.sessions().forEach(s -> aliases.add(s.alias()));
                pages++;
                if (!page.hasMore()) {
                    break;
                }
            }
            assertThat(pages).as("paged").isGreaterThan(1);
            assertThat(aliases).hasSize(SESSIONS).isSorted().doesNotHaveDuplicates();

            peer.send(new Resolve(8, "big"));
            assertThat(entries(peer, 8)).hasSize(ENTRIES);
            peer.send(new Watch(9, "big"));
            assertThat(entries(peer, 9)).hasSize(ENTRIES);

            // A change is told to the watcher as the whole new list, paged the same way under req 0.
            TestPeer registrant = TestPeer.binary(server.tcpPort());
            publishers.add(registrant);
            registrant.hello("json");
            registrant.send(new Register(1, "big", List.of("tcp://h:1"), null, null, null));
            registrant.expect(Registered.class);
            assertThat(entries(peer, 0)).hasSize(ENTRIES + 1);
            registrant.close();
            assertThat(entries(peer, 0)).hasSize(ENTRIES);
            assertThat(peer.largest).isLessThanOrEqualTo(MAX_FRAME);
        }
    }

    private static List<Entries.Entry> entries(RawPeer peer, long req) throws Exception {
        List<Entries.Entry> all = new ArrayList<>();
        while (true) {
            Entries page = (Entries) peer.next();
            assertThat(page.req()).isEqualTo(req);
            assertThat(page.name()).isEqualTo("big");
            all.addAll(page.entries());
            if (!page.hasMore()) {
                return all;
            }
        }
    }

    /** Reads frames (or lines) itself, so it sees each one's size as it is on the wire. */
    private static final class RawPeer implements AutoCloseable {
        private final Socket socket;
        private final boolean text;
        private final Codec codec;
        private final DataInputStream in;
        private final BufferedReader lines;
        private final DataOutputStream out;
        int largest;

        RawPeer(String mode) throws Exception {
            socket = new Socket("127.0.0.1", server.tcpPort());
            socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
            text = mode.equals("text");
            codec = text ? Codec.JSON : Codec.forName(mode).orElseThrow();
            in = new DataInputStream(socket.getInputStream());
            lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new DataOutputStream(socket.getOutputStream());
            if (text) {
                out.write("{\"type\":\"hello\",\"version\":1,\"heartbeat_ms\":120000}\n"
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                out.write(new byte[] {'S', 'W', 'B', '1'});
                writeFrame(new Hello(1, "raw", List.of(mode), null, 120_000L), Codec.JSON);
            }
            next(); // WELCOME
        }

        void send(Message message) throws Exception {
            if (text) {
                io.netty.buffer.ByteBuf buf = Unpooled.buffer();
                io.switchboard.protocol.codec.TextMessageEncoder.encode(message, buf);
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                out.write(bytes);
            } else {
                writeFrame(message, codec);
            }
        }

        private void writeFrame(Message message, Codec with) throws Exception {
            io.netty.buffer.ByteBuf buf = Unpooled.buffer();
            BinaryMessageEncoder.encode(message, with, buf, Integer.MAX_VALUE);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            out.write(bytes);
        }

        /** The next message but PINGs, noting its size on the wire. */
        Message next() throws Exception {
            while (true) {
                Message message;
                if (text) {
                    String line = lines.readLine();
                    largest = Math.max(largest, line.getBytes(StandardCharsets.UTF_8).length);
                    JsonNode node = JSON.readTree(line);
                    if (node.get("type").asText().equals("ping")) {
                        continue;
                    }
                    message = io.switchboard.protocol.codec.TextMessageDecoder.decode(
                            Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.UTF_8)));
                } else {
                    int length = in.readInt();
                    largest = Math.max(largest, length);
                    byte[] frame = new byte[length];
                    in.readFully(frame);
                    message = BinaryMessageDecoder.decode(Unpooled.wrappedBuffer(frame), codec);
                }
                if (!(message instanceof io.switchboard.protocol.message.Ping)) {
                    return message;
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
