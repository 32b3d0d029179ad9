package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Java client against a server at its connection cap: a clear failure, and in once a slot is free. */
class ConnectionLimitsTest {

    @Test
    void aClientRefusedByTheConnectionCapSaysWhyAndGetsInWhenASlotFrees() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                Fixtures.serverConfig().maxConnections(1).reservedConnections(0).build())) {
            SwitchboardClient first = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);

            Throwable refused = catchThrowable(
                    () -> SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                            .connectTimeout(Duration.ofSeconds(2))
                            .build()));
            assertThat(refused).hasMessageContaining("max-connections");
            assertThat(server.stats().connectionsRefused()).isPositive();

            first.close();
            try (SwitchboardClient second = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
                // The server counts a connection as established just after it has sent WELCOME.
                Fixtures.await("the second client counted", () -> server.stats().connections() == 1);
            }
        }
    }
}
