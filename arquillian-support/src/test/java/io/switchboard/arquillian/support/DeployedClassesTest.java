package io.switchboard.arquillian.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Package {@code tx} runs inside the container, added class by class to each suite's {@code tx-app.war}: it may use
 * only what the container and switchboard.rar provide, and {@link TxApp#sharedClasses()} must name all of it.
 */
class DeployedClassesTest {

    private static final String TX = "io.switchboard.arquillian.support.tx";
    private static final JavaClasses DEPLOYED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(TX);

    @Test
    void theDeployedClassesUseOnlyTheJdkJakartaEeAndTheAdapterApi() {
        classes()
                .that()
                .resideInAPackage(TX)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "jakarta..", "io.switchboard.jca.api..", TX)
                .because("the war carries these classes alone; the client, test-support and AssertJ are not there")
                .check(DEPLOYED);
    }

    @Test
    void sharedClassesNamesEveryDeployedClass() {
        assertThat(DEPLOYED.stream()
                        .filter(c -> c.getPackageName().equals(TX)
                                && !c.getSimpleName().equals("package-info"))
                        .map(JavaClass::reflect))
                .containsExactlyInAnyOrder(TxApp.sharedClasses());
    }
}
