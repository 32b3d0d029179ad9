package io.switchboard.server.held;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Publish;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * W7: a publisher that names no policy joins the policy the alias has already, possibly set by a squatter that
 * published first. That is now visible: the ACK says which policy is in effect and where it came from, LIST shows the
 * policy, and the server says at WARN which connection set it.
 */
class PolicySquattingTest {

    @Test
    void aPublishThatInheritsAnotherPublishersPolicyIsToldAndLogged() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (SwitchboardServer server =
                        SwitchboardServer.start(ServerConfig.builder().port(0).build());
                TestPeer squatter = TestPeer.binary(server.tcpPort());
                TestPeer service = TestPeer.text(server.tcpPort())) {
            squatter.helloWith(new Hello(Protocol.VERSION, "squatter", List.of("json"), null, null));
            squatter.send(new Publish(1, "orders", List.of("place"), null, null, SessionPolicy.HOLD));
            Ack first = squatter.expect(Ack.class);
            assertThat(first.policy()).isEqualTo("hold");
            assertThat(first.policySource()).isEqualTo(Ack.FROM_REQUEST);

            service.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"orders-service\"}");
            service.next();
            service.writeLine("{\"type\":\"publish\",\"req\":2,\"alias\":\"orders\",\"methods\":[\"place\"]}");
            Ack joined = service.expect(Ack.class);
            assertThat(joined.req()).isEqualTo(2);
            assertThat(joined.policy()).isEqualTo("hold");
            assertThat(joined.policySource()).isEqualTo(Ack.FROM_SESSION);
            String line = service.nextLine();
            while (!line.contains("\"type\":\"ack\"")) {
                line = service.nextLine(); // the WELCOME's line came first
            }
            assertThat(line).contains("\"policy\":\"hold\"").contains("\"policy_source\":\"session\"");

            assertThat(log.list)
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .anyMatch(e -> e.getFormattedMessage().contains("orders-service")
                            && e.getFormattedMessage().contains("squatter")
                            && e.getFormattedMessage().contains("'hold'")
                            && e.getFormattedMessage().contains("configured 'fail'"));

            service.send(new ListSessions(3));
            Listing listing = service.expect(Listing.class);
            assertThat(listing.sessions().get(0).policy()).isEqualTo(SessionPolicy.HOLD);
            assertThat(listing.sessions().get(0).publishers()).isEqualTo(2);

            // An alias nobody had: the configured policy, said so.
            squatter.send(new Publish(4, "fresh", List.of("go"), null, null));
            Ack fresh = squatter.expect(Ack.class);
            assertThat(fresh.policy()).isEqualTo("fail");
            assertThat(fresh.policySource()).isEqualTo(Ack.FROM_CONFIG);
        } finally {
            root.detachAppender(log);
        }
    }
}
