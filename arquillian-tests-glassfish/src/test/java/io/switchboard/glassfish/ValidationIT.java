package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.ChaosProxy;
import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * GlassFish's connection validation ({@code --isconnectvalidatereq true}) with the adapter's ping semantics
 * ({@code pingTimeout=0}: every validation pings). The proxy closes the server side of every pooled connection and
 * leaves the adapter's side open and silent: only a ping can tell those connections are dead, and the next call must
 * get a fresh one instead of hanging in a dead one.
 */
class ValidationIT extends GlassFishTest {

    @Test
    @Disabled("fails on GlassFish 7.0.21: with is-connection-validation-required=true and pingTimeout=0 the call after"
            + " severServerSides still goes into a dead connection and ends connection-failed after the call timeout;"
            + " not yet explained (see the report of h/glassfish16)")
    void validationReplacesAConnectionWhoseServerSideWasClosed() {
        TestSwitchboard switchboard = TestSwitchboard.get();
        ChaosProxy proxy = switchboard.poolProxy();
        assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "\"before\"")
                        .body()
                        .asText())
                .isEqualTo("before");
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
}
