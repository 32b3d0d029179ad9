package io.switchboard.jca.api.cdi;

import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.CreationException;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Produces the {@link SwitchboardConnectionFactory} a {@link SwitchboardResource} names, by a JNDI lookup of
 * the connection definition the container bound there. Each injection looks it up again (dependent scope), so
 * a redefined connection definition is picked up by beans created afterwards, as with {@code @Resource}.
 *
 * <p>Applications need nothing beyond depending on the deployed {@code switchboard.rar}: WildFly's Weld finds
 * this class through the API jar's {@code META-INF/beans.xml} (an external bean archive).
 */
@Dependent
public class SwitchboardResourceProducer {

    @Produces
    @SwitchboardResource
    public SwitchboardConnectionFactory connectionFactory(InjectionPoint injectionPoint) {
        return lookup(jndiName(injectionPoint));
    }

    private static String jndiName(InjectionPoint injectionPoint) {
        for (Annotation qualifier : injectionPoint.getQualifiers()) {
            if (qualifier instanceof SwitchboardResource) {
                return ((SwitchboardResource) qualifier).value();
            }
        }
        return SwitchboardResource.DEFAULT_JNDI_NAME;
    }

    private static SwitchboardConnectionFactory lookup(String jndiName) {
        try {
            Object bound = new InitialContext().lookup(jndiName);
            if (!(bound instanceof SwitchboardConnectionFactory)) {
                throw new CreationException("JNDI name " + jndiName + " is bound to "
                        + (bound == null ? "null" : bound.getClass().getName())
                        + ", not a Switchboard connection factory");
            }
            return (SwitchboardConnectionFactory) bound;
        } catch (NamingException e) {
            throw new CreationException("no Switchboard connection factory at JNDI name " + jndiName
                    + " (is the connection definition defined and the resource adapter deployed?)", e);
        }
    }
}
