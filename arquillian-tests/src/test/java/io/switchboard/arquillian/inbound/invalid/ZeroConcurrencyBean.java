package io.switchboard.arquillian.inbound.invalid;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Flaw: {@code maxConcurrency=0}, a session that could never answer. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = "it-zero-concurrency"),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "0"),
        })
@ResourceAdapter("switchboard.rar")
public class ZeroConcurrencyBean implements CallMethods {

    @CallMethod("ping")
    public String ping() {
        return "pong";
    }
}
