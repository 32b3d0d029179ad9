package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.time.Duration;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Activated with {@code maxConcurrency=4}. Each {@code work} call stays in progress until four are in progress at
 * once (or a few seconds pass), so the cap is reached for sure and anything above it would show in the peak.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = ThrottledBean.ALIAS),
            @ActivationConfigProperty(
                    propertyName = "maxConcurrency",
                    propertyValue = "" + ThrottledBean.MAX_CONCURRENCY),
        })
@ResourceAdapter("switchboard.rar")
public class ThrottledBean implements CallMethods {

    public static final String ALIAS = "it-throttled";
    public static final int MAX_CONCURRENCY = 4;

    /** Returns how many were in progress when this one entered. */
    @CallMethod("work")
    public int work(Call call) throws InterruptedException {
        int entered = Gauge.enter();
        try {
            Holds.until(() -> Gauge.inProgress() >= MAX_CONCURRENCY, Duration.ofSeconds(3), call);
            return entered;
        } finally {
            Gauge.leave();
        }
    }

    /** The most {@code work} executions ever in progress at once. */
    @CallMethod(value = "peak", idempotent = true)
    public int peak() {
        return Gauge.peak();
    }
}
