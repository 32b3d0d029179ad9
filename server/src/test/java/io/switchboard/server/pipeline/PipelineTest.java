package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.registry.Registry;
import io.switchboard.server.registry.RegistryControl;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionControl;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.Stores;
import io.switchboard.server.tickets.Tickets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's pipeline as {@link PipelineAssembler} builds it, on Netty's {@code EmbeddedChannel}: no socket, every
 * handler real. Text mode, so the bytes in and out are readable.
 */
class PipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config = ServerConfig.builder().port(0).build();
    private final HashedWheelTimer timer = new HashedWheelTimer();
    private final Store store = Stores.open(StoreSettings.inMemory());
    private final SessionDirectory directory = new SessionDirectory();
    private final CallRouter router =
            new CallRouter(directory, new ServerCounters(), timer, () -> false, 30_000, 60_000, config.maxFrameSize());
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final List<String> shutdownRequests = new ArrayList<>();
    private final ServerServices services = new ServerServices(
            config,
            new SessionControl(directory, config.publisherMaxInflight(), () -> false),
            router,
            new RegistryControl(new Registry(store, timer), () -> false),
            connections,
            shutdownRequests::add,
            new Tickets(store, timer, 60_000, 60_000, config.maxFrameSize(), config.maxWaitingFetches()));

    @AfterEach
    void close() {
        timer.stop();
        store.close();
    }

    @Test
    void aTextConnectionShakesHandsPublishesAndAnswersACallRoutedToIt() throws Exception {
        EmbeddedChannel publisher = connected("shop-backend");
        EmbeddedChannel caller = connected("shop-front");
        assertThat(connections).hasSize(2);

        write(publisher, "{\"type\":\"publish\",\"req\":1,\"alias\":\"echo\",\"methods\":[\"say\"]}");
        assertThat(read(publisher).toString())
                .isEqualTo("{\"type\":\"ack\",\"req\":1,\"policy\":\"fail\",\"policy_source\":\"config\"}");

        write(
                caller,
                "{\"type\":\"deliver\",\"id\":9,\"alias\":\"echo\",\"method\":\"say\",\"payload\":{\"t\":\"hi\"}}");
        JsonNode deliver = read(publisher);
        assertThat(deliver.get("type").asText()).isEqualTo("deliver");
        assertThat(deliver.get("caller").asText()).isEqualTo("shop-front");
        assertThat(deliver.get("payload").toString()).isEqualTo("{\"t\":\"hi\"}");

        write(
                publisher,
                "{\"type\":\"result\",\"id\":" + deliver.get("id").asLong() + ",\"code\":\"ok\",\"payload\":1}");
        assertThat(read(caller).toString()).isEqualTo("{\"type\":\"result\",\"id\":9,\"code\":\"ok\",\"payload\":1}");

        // Closing the publisher takes its session with it.
        publisher.close();
        write(caller, "{\"type\":\"deliver\",\"id\":10,\"alias\":\"echo\",\"method\":\"say\"}");
        assertThat(read(caller).get("code").asText()).isEqualTo("no-such-session");
        assertThat(connections).hasSize(1);
    }

    @Test
    void aRequestBeforeTheHandshakeIsRefusedAndAMalformedLineNamesItsProblem() throws Exception {
        EmbeddedChannel channel = channel();
        write(channel, "{\"type\":\"list\",\"req\":1}");
        JsonNode refused = read(channel);
        assertThat(refused.get("type").asText()).isEqualTo("error");
        assertThat(refused.get("message").asText()).containsIgnoringCase("hello");

        channel = connected("x");
        write(channel, "{\"type\":\"publish\",\"req\":4,\"alias\":\"echo\",\"methods\":\"say\"}");
        JsonNode malformed = read(channel);
        assertThat(malformed.get("req").asLong()).isEqualTo(4);
        assertThat(malformed.get("message").asText()).contains("\"methods\"");
        assertThat(channel.isActive())
                .as("a malformed request does not close the connection")
                .isTrue();
    }

    @Test
    void anOutOfMemoryErrorLeavesTheConnectionOpenAndItCarriesOn() throws Exception {
        EmbeddedChannel channel = connected("innocent");

        channel.pipeline().fireExceptionCaught(new OutOfMemoryError("Direct buffer memory"));
        channel.pipeline()
                .fireExceptionCaught(
                        new io.netty.handler.codec.EncoderException(new OutOfMemoryError("Direct buffer memory")));
        channel.runPendingTasks();

        assertThat(channel.isActive())
                .as("not closed for memory it did not take")
                .isTrue();
        assertThat((Object) channel.readOutbound())
                .as("nothing told: not its fault")
                .isNull();
        write(channel, "{\"type\":\"list\",\"req\":2}");
        assertThat(read(channel).get("type").asText()).isEqualTo("listing");
    }

    /** A channel through the handshake, its WELCOME read. */
    private EmbeddedChannel connected(String client) throws Exception {
        EmbeddedChannel channel = channel();
        write(channel, "{\"type\":\"hello\",\"version\":1,\"client\":\"" + client + "\"}");
        JsonNode welcome = read(channel);
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        return channel;
    }

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new PipelineAssembler(services));
    }

    private static void write(EmbeddedChannel channel, String line) {
        channel.writeInbound(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8));
        channel.runPendingTasks();
    }

    /** The next line the server wrote on {@code channel}. */
    private static JsonNode read(EmbeddedChannel channel) throws Exception {
        channel.runPendingTasks();
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("the server wrote a line").isNotNull();
        try {
            String line = out.toString(StandardCharsets.UTF_8);
            assertThat(line).endsWith("\n");
            return JSON.readTree(line);
        } finally {
            out.release();
        }
    }
}
