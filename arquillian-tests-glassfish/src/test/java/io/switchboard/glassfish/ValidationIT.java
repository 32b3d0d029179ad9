package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.ChaosProxy;
import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import org.junit.jupiter.api.Test;

/**
 * GlassFish's connection validation ({@code --isconnectvalidatereq true}) with the adapter's ping semantics
 * ({@code pingTimeout=0}: every validation pings the server). The server counts the PINGs it answers, so each borrow
 * shows there. Then the proxy closes the server side of every pooled connection and leaves the adapter's side open
 * and silent: only a ping can tell those connections are dead, and the next call must get a fresh one instead of
 * hanging in a dead one.
 */
class ValidationIT extends GlassFishTest {

    @Test
    void everyBorrowPingsTheServer() {
        TestSwitchboard switchboard = TestSwitchboard.get();
        assertThat(echo("warm up")).isEqualTo("warm up");

        long pingsBefore = switchboard.stats().pingsAnswered();
        for (int i = 0; i < 3; i++) {
            assertThat(echo("call " + i)).isEqualTo("call " + i);
        }
        // Each call borrows a pooled connection once; with pingTimeout=0 each borrow is validated with one PING.
        assertThat(switchboard.stats().pingsAnswered() - pingsBefore)
                .as("PINGs the server answered for three borrows")
                .isEqualTo(3);
    }

    @Test
    void validationReplacesAConnectionWhoseServerSideWasClosed() {
        TestSwitchboard switchboard = TestSwitchboard.get();
        ChaosProxy proxy = switchboard.poolProxy();
        assertThat(echo("before")).isEqualTo("before");
        int opened = proxy.accepted();
        int serverConnections = switchboard.stats().connections();

        proxy.severServerSides();
        Poll.until(
                "the server saw the pooled connections close",
                () -> switchboard.stats().connections() < serverConnections);

        // Without validation this call would go into a dead connection and wait for its timeout.
        SampleApp.Reply reply = SampleApp.call(EchoPublisher.ALIAS, "echo", "\"after\"");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body().asText()).isEqualTo("after");
        assertThat(proxy.accepted())
                .as("a fresh physical connection was opened")
                .isGreaterThan(opened);
        Poll.until("the adapter closed a dead connection", () -> proxy.closedByClient() >= 1);
    }

    private static String echo(String text) {
        return SampleApp.call(EchoPublisher.ALIAS, "echo", "\"" + text + "\"")
                .body()
                .asText();
    }
}
