package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** The general listener: methods from the activation config, one {@code onCall} for all of them. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = ListenerBean.ALIAS),
            @ActivationConfigProperty(propertyName = "methods", propertyValue = "echo, fail"),
            @ActivationConfigProperty(propertyName = "idempotentMethods", propertyValue = "echo"),
            @ActivationConfigProperty(propertyName = "codec", propertyValue = "json"),
        })
@ResourceAdapter("switchboard.rar")
public class ListenerBean implements SessionListener {

    public static final String ALIAS = "it-listener";

    @Override
    public Object onCall(Call call) {
        if ("fail".equals(call.method())) {
            throw new IllegalStateException("listener failed on purpose: " + call.payloadAs(String.class));
        }
        return call.payloadValue();
    }
}
