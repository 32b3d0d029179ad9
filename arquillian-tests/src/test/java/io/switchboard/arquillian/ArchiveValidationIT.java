package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.arquillian.warnonly.WarnOnlyManagedConnectionFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue point 1, the other half: the fail-on-warn setting every test class deploys switchboard.rar under is really
 * in force. An adapter whose only flaw is a validation warning deploys with fail-on-warn=false and is refused with
 * fail-on-warn=true, so switchboard.rar deploying under that setting means it has no warning at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ArchiveValidationIT {

    private static final String WARN_ONLY = "warn-only";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = WARN_ONLY, managed = false, testable = false)
    public static ResourceAdapterArchive warnOnly() {
        JavaArchive classes = ShrinkWrap.create(JavaArchive.class, "warn-only.jar")
                .addPackage(WarnOnlyManagedConnectionFactory.class.getPackage());
        return ShrinkWrap.create(ResourceAdapterArchive.class, "warn-only.rar")
                .addAsLibrary(classes)
                .addAsManifestResource("warn-only/ra.xml", "ra.xml")
                .addAsManifestResource("warn-only/ironjacamar.xml", "ironjacamar.xml");
    }

    @Test
    void anArchiveWithOnlyAWarningIsRefusedUnderFailOnWarn() throws IOException {
        try (Management management = Management.connect()) {
            failOnWarn(management, false);
            deployer.deploy(WARN_ONLY);
            deployer.undeploy(WARN_ONLY);

            failOnWarn(management, true);
            Throwable refused = catchThrowable(() -> deployer.deploy(WARN_ONLY));
            assertThat(refused).hasStackTraceContaining("IJ020056").hasStackTraceContaining("Validation failures");

            // WildFly names the validation report; it lists the one warning and no error.
            Matcher report = Pattern.compile("see: (\\S+\\.rar\\.log)").matcher(stackTrace(refused));
            assertThat(report.find())
                    .as("the failure names the validation report")
                    .isTrue();
            String findings = Files.readString(Path.of(report.group(1)));
            assertThat(findings)
                    .contains("Severity: WARNING")
                    .contains("Property: retries")
                    .doesNotContain("Severity: ERROR");
        } finally {
            try (Management management = Management.connect()) {
                failOnWarn(management, true);
            }
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static void failOnWarn(Management management, boolean fail) {
        ModelNode response = management.execute(
                Management.writeAttribute(SwitchboardAdapter.ARCHIVE_VALIDATION, "fail-on-warn", new ModelNode(fail)));
        if (Management.requiresReload(response)) {
            management.reload();
        }
        assertThat(new SwitchboardAdapter(management)
                        .archiveValidation()
                        .get("fail-on-warn")
                        .asBoolean())
                .isEqualTo(fail);
    }
}
