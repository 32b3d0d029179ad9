package io.switchboard.arquillian.secure;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Tries to publish {@code secure-wrong} as {@code mdb} with a wrong password: refused, retried with backoff. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = WrongPasswordBean.ALIAS),
            @ActivationConfigProperty(propertyName = "userName", propertyValue = "mdb"),
            @ActivationConfigProperty(propertyName = "password", propertyValue = "not-the-password"),
            @ActivationConfigProperty(propertyName = "reconnectInitialMillis", propertyValue = "200"),
            @ActivationConfigProperty(propertyName = "reconnectMaxMillis", propertyValue = "1000")
        })
@ResourceAdapter("switchboard.rar")
public class WrongPasswordBean implements CallMethods {

    public static final String ALIAS = "secure-wrong";

    @CallMethod("hello")
    public String hello(String name) {
        return "never " + name;
    }
}
