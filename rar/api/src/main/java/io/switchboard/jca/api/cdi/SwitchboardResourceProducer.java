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
 * <p>The API jar ships inside {@code switchboard.rar}, not in the application. WildFly's Weld takes it as an
 * external bean archive (through its {@code META-INF/beans.xml}) when the application imports the rar's META-INF:
 * {@code Dependencies: deployment.switchboard.rar meta-inf} in MANIFEST.MF, or
 * {@code <module name="deployment.switchboard.rar" meta-inf="import"/>} in jboss-deployment-structure.xml.
 * Without {@code meta-inf} the classes are visible but Weld reports an unsatisfied dependency (WELD-001408).
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
            throw new CreationException(
                    "no Switchboard connection factory at JNDI name " + jndiName
                            + " (is the connection definition defined and the resource adapter deployed?)",
                    e);
        }
    }
}
