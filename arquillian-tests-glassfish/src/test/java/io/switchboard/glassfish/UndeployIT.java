package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Undeploying the sample ({@code asadmin undeploy}) while one of its calls waits in the publisher: the HTTP request
 * that made the call still ends with an answer instead of hanging. What GlassFish 7.0.21 does: the undeploy completes
 * without waiting for the call, and once the publisher answers, the request ends with GlassFish's own HTTP 500
 * ("Request failed"), the application being gone.
 */
class UndeployIT extends GlassFishTest {

    /** The name GlassFish gives the war Arquillian deploys. */
    private static final String APPLICATION = "switchboard-sample";

    @Test
    void aCallInFlightEndsWithAnAnswerWhenTheApplicationIsUndeployed() throws Exception {
        EchoPublisher publisher = TestSwitchboard.get().publisher();
        int heldBefore = publisher.held();
        CompletableFuture<SampleApp.Reply> inFlight =
                CompletableFuture.supplyAsync(() -> SampleApp.call(EchoPublisher.ALIAS, "hold", "\"held\""));
        Poll.until("the call waits in the publisher", () -> publisher.held() > heldBefore);

        CompletableFuture<String> undeploy =
                CompletableFuture.supplyAsync(() -> AsAdmin.ofBuild().run("undeploy", APPLICATION));
        Poll.until(
                "the undeploy ends or the call answers",
                Duration.ofSeconds(90),
                () -> undeploy.isDone() || inFlight.isDone());
        assertThat(inFlight).as("the call in flight while undeploying").isNotDone();
        assertThat(undeploy.get()).contains("Command undeploy executed successfully");

        publisher.releaseHeld();
        SampleApp.Reply reply = inFlight.get(60, TimeUnit.SECONDS);
        assertThat(reply.status()).as("%s", reply).isEqualTo(500);
        assertThat(reply.body().asText()).contains("Request failed");
    }

    /** Back as Arquillian left it, so that its own undeploy after this class finds the application. */
    @AfterEach
    void redeploy() {
        AsAdmin.ofBuild()
                .run(
                        "deploy",
                        "--name=" + APPLICATION,
                        GlassFishDomain.deployments()
                                .resolve("switchboard-sample.war")
                                .toString());
    }
}
