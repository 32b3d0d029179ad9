package io.switchboard.arquillian.secure;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Publishes {@code secure-shop} logged in as {@code mdb} (the only user allowed to publish it), over the resource
 * adapter's tls:// server and trusted CA.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = SecureShopBean.ALIAS),
            @ActivationConfigProperty(propertyName = "userName", propertyValue = "mdb"),
            @ActivationConfigProperty(propertyName = "password", propertyValue = "mdb-pw")
        })
@ResourceAdapter("switchboard.rar")
public class SecureShopBean implements CallMethods {

    public static final String ALIAS = "secure-shop";

    @CallMethod("hello")
    public String hello(String name) {
        return "hello " + name;
    }
}
