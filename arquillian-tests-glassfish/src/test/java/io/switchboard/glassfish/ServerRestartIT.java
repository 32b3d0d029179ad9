package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After a Switchboard server restart the adapter reports CONNECTION_ERROR_OCCURRED for every pooled connection, and
 * GlassFish's pool drops them: calls succeed again within 5 s of the server being back, with no administrator step.
 */
class ServerRestartIT extends GlassFishTest {

    private static final Duration HEALED_WITHIN = Duration.ofSeconds(5);

    @Test
    void callsSucceedWithinFiveSecondsOfARestart() {
        assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "\"before\"")
                        .body()
                        .asText())
                .isEqualTo("before");

        TestSwitchboard.get().restart();

        Poll.until(
                "a call through the pool succeeds after the restart",
                HEALED_WITHIN,
                () -> SampleApp.call(EchoPublisher.ALIAS, "echo", "\"after\"").status() == 200);
        assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "\"again\"")
                        .body()
                        .asText())
                .isEqualTo("again");
    }
}
