package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.Test;

/**
 * Issue points 1 and 2: switchboard.rar and the sample deploy under archive validation with fail-on-warn (a single
 * validation warning would have failed the deployment before any test ran), and calls from the {@code @Resource}
 * EJB and from the {@code @Inject} CDI bean reach the session a plain client publishes.
 */
@ServerSetup(DeploymentIT.Setup.class)
class DeploymentIT extends SampleDeployments {

    static class Setup extends AdapterSetup {}

    @Test
    void archiveValidationFailsDeploymentsOnWarnings() {
        try (Management management = Management.connect()) {
            var validation = new SwitchboardAdapter(management).archiveValidation();
            assertThat(validation.get("enabled").asBoolean()).isTrue();
            assertThat(validation.get("fail-on-error").asBoolean()).isTrue();
            assertThat(validation.get("fail-on-warn").asBoolean()).isTrue();
        }
    }

    @Test
    void ejbCallReachesThePublishedSession() {
        SampleApp.Reply reply =
                SampleApp.call(EchoPublisher.ALIAS, "echo", "{\"greeting\":\"hello from WildFly\",\"n\":42}");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body().path("greeting").asText()).isEqualTo("hello from WildFly");
        assertThat(reply.body().path("n").asInt()).isEqualTo(42);
    }

    @Test
    void cdiInjectedFactoryCallsTheSameSession() {
        SampleApp.Reply reply = SampleApp.callThroughCdi(EchoPublisher.ALIAS, "echo", "\"via CDI\"");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.body().asText()).isEqualTo("via CDI");
        assertThat(SampleApp.get("cdi/ping").body().path("via").asText()).isEqualTo("cdi");
    }

    @Test
    void listAndPingGoThroughTheAdapter() {
        SampleApp.Reply sessions = SampleApp.get("sessions");
        assertThat(sessions.status()).as("%s", sessions).isEqualTo(200);
        assertThat(sessions.body().findValuesAsText("alias")).contains(EchoPublisher.ALIAS);

        SampleApp.Reply ping = SampleApp.get("ping");
        assertThat(ping.status()).as("%s", ping).isEqualTo(200);
        assertThat(ping.body().path("roundTripMicros").asLong()).isPositive();
    }

    @Test
    void failuresReachTheApplicationAsTypedExceptions() {
        SampleApp.Reply noSession = SampleApp.call("no-such-alias", "echo", "1");
        assertThat(noSession.status()).as("%s", noSession).isEqualTo(404);
        assertThat(noSession.code()).isEqualTo("no-such-session");

        SampleApp.Reply noMethod = SampleApp.call(EchoPublisher.ALIAS, "no-such-method", "1");
        assertThat(noMethod.status()).as("%s", noMethod).isEqualTo(404);
        assertThat(noMethod.code()).isEqualTo("unknown-method");

        SampleApp.Reply timeout = SampleApp.get("call/" + EchoPublisher.ALIAS + "/hold?payload=1&timeoutMillis=300");
        TestSwitchboard.get().publisher().releaseHeld();
        assertThat(timeout.status()).as("%s", timeout).isEqualTo(504);
        assertThat(timeout.code()).isEqualTo("timeout");
    }

    @Test
    void adapterConnectionsAreRealConnectionsToTheServer() {
        assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "1").ok()).isTrue();
        assertThat(TestSwitchboard.get().adapterConnections()).isPositive();
    }
}
