package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import org.junit.jupiter.api.Test;

/** The sample war, unchanged, in GlassFish: its EJB gets the connection factory by {@code @Resource} and calls. */
class OutboundCallIT extends GlassFishTest {

    @Test
    void anEjbCallsThroughTheInjectedConnectionFactory() {
        SampleApp.Reply reply = SampleApp.call(EchoPublisher.ALIAS, "echo", "\"hello from glassfish\"");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body().asText()).isEqualTo("hello from glassfish");
        assertThat(TestSwitchboard.get().poolProxy().accepted())
                .as("the pool's connections went to the configured server")
                .isPositive();
    }
}
