package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.arquillian.inbound.XmlBoundBean;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other way to bind a message-driven bean to the adapter, documented beside {@code @ResourceAdapter}:
 * {@code META-INF/jboss-ejb3.xml}, in the form JBoss EAP documents. A binding to an adapter that does not exist fails
 * the deployment, which shows WildFly reads the descriptor rather than falling back to the default adapter.
 */
@ServerSetup(InboundBindingIT.Setup.class)
class InboundBindingIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    private static PlainCaller caller;

    @ArquillianResource
    Deployer deployer;

    private static String bindingTo(String adapter) {
        return """
                <jboss xmlns="http://www.jboss.com/xml/ns/javaee"
                       xmlns:jee="http://java.sun.com/xml/ns/javaee"
                       xmlns:mdb="urn:resource-adapter-binding">
                  <jee:assembly-descriptor>
                    <mdb:resource-adapter-binding>
                      <jee:ejb-name>XmlBoundBean</jee:ejb-name>
                      <mdb:resource-adapter-name>%s</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                  </jee:assembly-descriptor>
                </jboss>
                """.formatted(adapter);
    }

    @Deployment(name = "xml-bound", managed = false, testable = false)
    public static JavaArchive xmlBound() {
        return beans("xml-bound", XmlBoundBean.class)
                .addAsManifestResource(new StringAsset(bindingTo("switchboard.rar")), "jboss-ejb3.xml");
    }

    @Deployment(name = "xml-bound-elsewhere", managed = false, testable = false)
    public static JavaArchive xmlBoundElsewhere() {
        return beans("xml-bound-elsewhere", XmlBoundBean.class)
                .addAsManifestResource(new StringAsset(bindingTo("no-such-adapter.rar")), "jboss-ejb3.xml");
    }

    @BeforeAll
    static void connect() {
        caller = new PlainCaller("it-binding-caller");
    }

    @AfterAll
    static void disconnect() {
        if (caller != null) {
            caller.close();
        }
    }

    @Test
    void aBeanBoundInJbossEjb3XmlPublishesAndAnswers() {
        deployer.deploy("xml-bound");
        try {
            caller.awaitPublished(XmlBoundBean.ALIAS, Duration.ofSeconds(10));
            PlainCaller.Outcome outcome = caller.attempt(XmlBoundBean.ALIAS, "hello", null, Duration.ofSeconds(10));
            assertThat(outcome.value()).as("%s", outcome).isEqualTo("bound by jboss-ejb3.xml");
        } finally {
            deployer.undeploy("xml-bound");
        }
        caller.awaitGone(XmlBoundBean.ALIAS);
    }

    @Test
    void theDescriptorIsReadABindingToAnotherAdapterFailsTheDeployment() {
        Throwable failure = catchThrowable(() -> deployer.deploy("xml-bound-elsewhere"));
        if (failure == null) {
            deployer.undeploy("xml-bound-elsewhere");
        }
        assertThat(failure)
                .as("deploying a bean bound to no-such-adapter.rar")
                .isNotNull()
                .hasStackTraceContaining("no-such-adapter");
    }
}
