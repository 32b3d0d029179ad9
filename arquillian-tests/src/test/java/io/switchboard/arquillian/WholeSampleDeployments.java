package io.switchboard.arquillian;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the test classes of the sample's inbound side deploy: the real {@code switchboard.rar} and the sample war
 * whole, message-driven beans included, as Maven built them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class WholeSampleDeployments {

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(
                ResourceAdapterArchive.class, SampleDeployments.built(SwitchboardAdapter.ARCHIVE));
    }

    @Deployment(name = "sample", order = 2, testable = false)
    public static WebArchive sample() {
        return SampleDeployments.wholeSample();
    }
}
