package io.switchboard.arquillian.inbound.invalid;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Flaw: a general listener without the {@code methods} property, so its session would have no method. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "alias", propertyValue = "it-no-methods"))
@ResourceAdapter("switchboard.rar")
public class NoMethodsListener implements SessionListener {

    @Override
    public Object onCall(Call call) {
        return null;
    }
}
