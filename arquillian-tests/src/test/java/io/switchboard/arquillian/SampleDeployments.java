package io.switchboard.arquillian;

import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every test class deploys: the real {@code switchboard.rar} and the real sample war, as Maven built them
 * (copied to target/deployments). The tests drive the sample over HTTP and WildFly over its management API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class SampleDeployments {

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, built(SwitchboardAdapter.ARCHIVE));
    }

    @Deployment(name = "sample", order = 2, testable = false)
    public static WebArchive sample() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, built("switchboard-sample.war"));
    }

    private static java.io.File built(String name) {
        return Path.of(System.getProperty("deployments.dir", "target/deployments"), name).toFile();
    }
}
