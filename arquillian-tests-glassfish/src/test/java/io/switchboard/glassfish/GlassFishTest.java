package io.switchboard.glassfish;

import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every test class here: the sample war, unchanged, deployed by Arquillian into the GlassFish it started (the rar,
 * pool and resource are already there, {@link GlassFishDomain}). The tests run in the test JVM and drive the sample
 * over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class GlassFishTest {

    static final String SAMPLE = "sample";

    @Deployment(name = SAMPLE, testable = false)
    public static WebArchive sample() {
        return ShrinkWrap.createFromZipFile(
                WebArchive.class,
                GlassFishDomain.deployments().resolve("switchboard-sample.war").toFile());
    }

    static Path builtRar() {
        return Path.of(System.getProperty("rar.build.file"));
    }
}
