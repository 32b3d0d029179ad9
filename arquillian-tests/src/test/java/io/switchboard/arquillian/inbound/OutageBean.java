package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Deployed and kept while the Switchboard server is down or restarts: a short reconnect backoff keeps the test lean. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = OutageBean.ALIAS),
            @ActivationConfigProperty(propertyName = "reconnectInitialMillis", propertyValue = "100"),
            @ActivationConfigProperty(
                    propertyName = "reconnectMaxMillis",
                    propertyValue = "" + OutageBean.RECONNECT_MAX_MILLIS),
            @ActivationConfigProperty(propertyName = "connectTimeoutMillis", propertyValue = "1000"),
        })
@ResourceAdapter("switchboard.rar")
public class OutageBean implements CallMethods {

    public static final String ALIAS = "it-outage";
    public static final long RECONNECT_MAX_MILLIS = 400;

    @CallMethod("echo")
    public String echo(String text) {
        return text;
    }

    @CallMethod("hold")
    public long hold(long millis, Call call) throws InterruptedException {
        return Holds.sleep(millis, call);
    }
}
