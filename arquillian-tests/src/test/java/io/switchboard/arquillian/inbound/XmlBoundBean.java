package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** A bean bound to its resource adapter by {@code META-INF/jboss-ejb3.xml} only, no annotation. */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "alias", propertyValue = XmlBoundBean.ALIAS))
public class XmlBoundBean implements CallMethods {

    public static final String ALIAS = "it-xml-bound";

    @CallMethod("hello")
    public String hello() {
        return "bound by jboss-ejb3.xml";
    }
}
