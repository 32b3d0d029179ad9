package io.switchboard.glassfish;

import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Sets the domain up before the first deployment: the sample war needs {@value GlassFishDomain#JNDI_NAME}, and
 * GlassFish checks an application's resource references when it deploys it. Registered in META-INF/services.
 *
 * <p>The OmniFaces adapter starts GlassFish lazily, inside its first deploy, with no event in between; so this starts
 * the domain itself ({@code asadmin start-domain}, what the adapter would run). The adapter then finds it running and
 * still stops it after the last test class.
 */
public class DomainSetupExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(BeforeFirstDeployment.class);
    }

    /** The observer itself; Arquillian instantiates it. */
    public static class BeforeFirstDeployment {

        private static boolean attempted;
        /** A failed set-up fails every later deployment too, with the same cause (never a second start-domain). */
        private static Throwable failure;

        public synchronized void setUpDomain(@Observes BeforeDeploy deploying) throws Throwable {
            if (!attempted) {
                attempted = true;
                try {
                    GlassFishDomain.startAndSetUp();
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
