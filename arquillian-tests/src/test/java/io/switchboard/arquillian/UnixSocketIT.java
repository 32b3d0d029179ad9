package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import java.util.Map;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * Issue point 7: the adapter configured with only a {@code unix://} URL. Injection and calls work (point 2) and the
 * pool heals after a server restart (point 6), as over TCP.
 */
@ServerSetup(UnixSocketIT.Setup.class)
class UnixSocketIT extends SampleDeployments {

    static class Setup extends AdapterSetup {
        @Override
        void adjust(Map<String, ModelNode> pool, Map<String, String> properties) {
            properties.put("serverUrls", TestSwitchboard.get().unixUrl());
        }
    }

    @Test
    void ejbAndCdiCallsGoOverTheUnixSocket() {
        SampleApp.Reply ejb = SampleApp.call(EchoPublisher.ALIAS, "echo", "{\"over\":\"unix\"}");
        assertThat(ejb.status()).as("%s", ejb).isEqualTo(200);
        assertThat(ejb.body().path("over").asText()).isEqualTo("unix");

        SampleApp.Reply cdi = SampleApp.callThroughCdi(EchoPublisher.ALIAS, "echo", "\"unix via CDI\"");
        assertThat(cdi.status()).as("%s", cdi).isEqualTo(200);
        assertThat(cdi.body().asText()).isEqualTo("unix via CDI");

        assertThat(TestSwitchboard.get().adapterConnections()).isPositive();
    }

    @Test
    void callsFailFastDuringTheOutageAndSucceedSoonAfterTheRestart() {
        RestartUnderLoad.run();
    }
}
