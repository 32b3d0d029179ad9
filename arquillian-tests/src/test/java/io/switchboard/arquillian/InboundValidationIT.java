package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.arquillian.inbound.invalid.NoMethodsListener;
import io.switchboard.arquillian.inbound.invalid.TwoPayloadsBean;
import io.switchboard.arquillian.inbound.invalid.ZeroConcurrencyBean;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A message-driven bean the adapter cannot serve fails its deployment, with a message that names what is wrong,
 * instead of deploying and publishing a session that cannot answer.
 *
 * <p>Runs after every other test class (see junit-platform.properties), and reloads last: once a message-driven bean
 * has failed to activate, WildFly keeps a remnant of it that it validates and activates again on the next
 * {@code :reload}, against the adapter instance of before the reload, and exits if that throws. The adapter lets a
 * stopped instance pass both; {@link #theServerStillReloadsAfterTheRefusedDeployments} checks the server survives.
 */
@ServerSetup(InboundValidationIT.Setup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE)
class InboundValidationIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "two-payloads", managed = false, testable = false)
    public static JavaArchive twoPayloads() {
        return beans("two-payloads", TwoPayloadsBean.class);
    }

    @Deployment(name = "zero-concurrency", managed = false, testable = false)
    public static JavaArchive zeroConcurrency() {
        return beans("zero-concurrency", ZeroConcurrencyBean.class);
    }

    @Deployment(name = "no-methods", managed = false, testable = false)
    public static JavaArchive noMethods() {
        return beans("no-methods", NoMethodsListener.class);
    }

    @Test
    @Order(4)
    void theServerStillReloadsAfterTheRefusedDeployments() {
        try (Management management = Management.connect()) {
            management.reload();
            assertThat(management.serverState()).isEqualTo("running");
        }
    }

    @Test
    @Order(1)
    void aMethodWithTwoPayloadParametersFailsTheDeploymentNamingTheMethod() {
        assertThat(refused("two-payloads"))
                .hasStackTraceContaining("it-two-payloads")
                .hasStackTraceContaining("TwoPayloadsBean.joinBothHalves");
    }

    @Test
    @Order(2)
    void maxConcurrencyZeroFailsTheDeploymentNamingTheProperty() {
        assertThat(refused("zero-concurrency"))
                .hasStackTraceContaining("it-zero-concurrency")
                .hasStackTraceContaining("maxConcurrency");
    }

    @Test
    @Order(3)
    void aGeneralListenerWithoutMethodsFailsTheDeploymentNamingTheProperty() {
        assertThat(refused("no-methods"))
                .hasStackTraceContaining("it-no-methods")
                .hasStackTraceContaining("property methods");
    }

    /** Deploys, expecting WildFly to refuse; returns the failure (its stack trace carries WildFly's description). */
    private Throwable refused(String deployment) {
        Throwable failure = catchThrowable(() -> deployer.deploy(deployment));
        if (failure == null) {
            deployer.undeploy(deployment);
        }
        assertThat(failure).as("deploying %s fails", deployment).isNotNull();
        return failure;
    }
}
