package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Undeployed with calls in progress; {@code inProgress} tells the test when they are really inside the bean. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = DrainBean.ALIAS),
            @ActivationConfigProperty(propertyName = "drainTimeoutMillis", propertyValue = "" + DrainBean.DRAIN_MILLIS),
        })
@ResourceAdapter("switchboard.rar")
public class DrainBean implements CallMethods {

    public static final String ALIAS = "it-drain";
    public static final long DRAIN_MILLIS = 2_000;

    @CallMethod("hold")
    public long hold(long millis, Call call) throws InterruptedException {
        Gauge.enter();
        try {
            return Holds.sleep(millis, call);
        } finally {
            Gauge.leave();
        }
    }

    /** How many {@code hold} calls are executing in the bean now. */
    @CallMethod(value = "inProgress", idempotent = true)
    public int inProgress() {
        return Gauge.inProgress();
    }
}
