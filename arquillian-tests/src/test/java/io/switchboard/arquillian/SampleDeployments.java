package io.switchboard.arquillian;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every outbound test class deploys: the real {@code switchboard.rar} and the sample war, as Maven built them
 * (copied to target/deployments). The tests drive the sample over HTTP and WildFly over its management API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class SampleDeployments {

    /** The sample's message-driven beans, as class names. */
    static final List<String> MESSAGE_DRIVEN_BEANS = List.of(
            "io.switchboard.sample.inventory.InventoryBean",
            "io.switchboard.sample.greeter.GreeterBean",
            "io.switchboard.sample.chat.ChatBean");

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, built(SwitchboardAdapter.ARCHIVE));
    }

    /**
     * The sample without its message-driven beans: each would hold a connection of its own to the test server, and
     * these tests count the pool's connections there. {@link SampleInboundIT} deploys the sample whole.
     */
    @Deployment(name = "sample", order = 2, testable = false)
    public static WebArchive sample() {
        WebArchive sample = wholeSample();
        for (String bean : MESSAGE_DRIVEN_BEANS) {
            if (sample.delete("/WEB-INF/classes/" + bean.replace('.', '/') + ".class") == null) {
                throw new IllegalStateException("the sample has no " + bean + " any more; update this list");
            }
        }
        // Its bindings would name beans no longer there.
        if (sample.delete("/WEB-INF/jboss-ejb3.xml") == null) {
            throw new IllegalStateException("the sample binds its message-driven beans in WEB-INF/jboss-ejb3.xml");
        }
        return sample;
    }

    static WebArchive wholeSample() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, built("switchboard-sample.war"));
    }

    static File built(String name) {
        return Path.of(System.getProperty("deployments.dir", "target/deployments"), name)
                .toFile();
    }
}
