package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.api.BadRequestException;
import io.switchboard.jca.api.LineNotFoundException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SwitchboardConnection#setLineAttributes} against a real server's front door, a user on a real socket. */
class LineAttributesConnectionTest {

    private TestBed bed;
    private final TestConnectionManager cm = new TestConnectionManager();
    private SwitchboardConnectionFactory factory;
    private SwitchboardClient handlerClient;
    /** Each event's line, as the handler got it. */
    private final BlockingQueue<Line> seen = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start(TestBed.serverConfig()
                .frontDoors(List.of(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat")
                        .host("127.0.0.1")
                        .build())));
        factory = (SwitchboardConnectionFactory) bed.factory().createConnectionFactory(cm);
        handlerClient = SwitchboardClient.connect(ClientOptions.builder()
                .url(bed.tcpUrl())
                .callTimeout(TestBed.PATIENCE)
                .build());
        handlerClient.handleFrontDoor("chat", new FrontDoorHandler() {
            @Override
            public void onConnect(Line line) {
                seen.add(line);
            }

            @Override
            public Object onInput(Line line, io.switchboard.client.LineInput input) {
                seen.add(line);
                return "ok";
            }
        });
    }

    @AfterEach
    void stop() {
        handlerClient.close();
        cm.destroyAll();
        bed.close();
    }

    private Line next() throws InterruptedException {
        Line line = seen.poll(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("an event within " + TestBed.PATIENCE).isNotNull();
        return line;
    }

    @Test
    void attributesSetThroughAConnectionComeBackWithTheNextEventAndOverABoundIsABadRequest() throws Exception {
        try (Socket user = new Socket("127.0.0.1", bed.server.frontDoorPort("chat"))) {
            user.setSoTimeout((int) TestBed.PATIENCE.toMillis());
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(user.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = user.getOutputStream();
            String id = next().id();

            Map<String, String> tooMany = new HashMap<>();
            for (int i = 0; i < 17; i++) {
                tooMany.put("a" + i, "x");
            }
            try (SwitchboardConnection c = factory.getConnection()) {
                c.setLineAttributes(id, Map.of("nick", "ada"));
                BadRequestException refused =
                        catchThrowableOfType(BadRequestException.class, () -> c.setLineAttributes(id, tooMany));
                assertThat(refused).hasMessageContaining("at most 16 attributes");
                assertThat(catchThrowableOfType(
                                LineNotFoundException.class, () -> c.setLineAttributes("gone", Map.of("a", "b"))))
                        .isNotNull();
            }
            out.write("hi\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(in.readLine()).isEqualTo("ok");
            assertThat(next().attributes()).containsExactly(Map.entry("nick", "ada"));
        }
    }
}
