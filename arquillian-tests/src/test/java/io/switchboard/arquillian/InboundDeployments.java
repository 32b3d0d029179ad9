package io.switchboard.arquillian;

import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the inbound tests deploy: the real {@code switchboard.rar} first, then EJB jars of test message-driven beans
 * (package {@code inbound}) that each test class declares. The tests call the beans with a {@link PlainCaller}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class InboundDeployments {

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(
                ResourceAdapterArchive.class,
                Path.of(System.getProperty("deployments.dir", "target/deployments"), SwitchboardAdapter.ARCHIVE)
                        .toFile());
    }

    /** An EJB jar with these classes that sees the adapter's API, as an application's does. */
    static JavaArchive beans(String name, Class<?>... classes) {
        return ShrinkWrap.create(JavaArchive.class, name + ".jar")
                .addClasses(classes)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.switchboard.rar\n"));
    }
}
