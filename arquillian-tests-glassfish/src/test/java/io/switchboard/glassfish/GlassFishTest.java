package io.switchboard.glassfish;

import org.junit.jupiter.api.BeforeAll;

/**
 * Every test class here runs in the test JVM against the one GlassFish domain {@link GlassFishDomain} starts and sets
 * up with asadmin on first use (and stops when the JVM ends).
 */
abstract class GlassFishTest {

    @BeforeAll
    static void setUpDomain() {
        GlassFishDomain.ensureReady();
    }
}
