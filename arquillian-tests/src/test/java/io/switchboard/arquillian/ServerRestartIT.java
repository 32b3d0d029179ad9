package io.switchboard.arquillian;

import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.Test;

/** Issue point 6 over TCP: the pool heals by itself after the Switchboard server restarts. */
@ServerSetup(ServerRestartIT.Setup.class)
class ServerRestartIT extends SampleDeployments {

    static class Setup extends AdapterSetup {}

    @Test
    void callsFailFastDuringTheOutageAndSucceedSoonAfterTheRestart() {
        RestartUnderLoad.run();
    }
}
