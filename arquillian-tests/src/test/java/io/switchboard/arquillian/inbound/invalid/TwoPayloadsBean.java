package io.switchboard.arquillian.inbound.invalid;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Flaw: two parameters to bind from one payload. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "alias", propertyValue = "it-two-payloads"))
@ResourceAdapter("switchboard.rar")
public class TwoPayloadsBean implements CallMethods {

    @CallMethod("join")
    public String joinBothHalves(String first, String second) {
        return first + second;
    }
}
