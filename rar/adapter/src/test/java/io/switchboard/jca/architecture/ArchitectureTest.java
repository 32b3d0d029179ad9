package io.switchboard.jca.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The one-way module dependencies (docs/architecture.md): protocol <- client <- adapter, and the API applications
 * compile against knows nothing of the adapter that implements it. Checked on the compiled main classes.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard");

    @Test
    void theApiDependsOnNoAdapterClientOrProtocolClass() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.jca.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.switchboard.jca.adapter..", "io.switchboard.client..", "io.switchboard.protocol..")
                .because("applications compile against the API alone; the adapter's classes stay inside the rar")
                .check(CLASSES);
    }

    @Test
    void theClientDependsOnNeitherServerNorAdapter() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.switchboard.server..", "io.switchboard.jca..")
                .check(CLASSES);
    }

    @Test
    void theProtocolDependsOnNeitherClientServerNorAdapter() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.switchboard.client..", "io.switchboard.server..", "io.switchboard.jca..")
                .check(CLASSES);
    }

    @Test
    void onlyTheWildFlyFactoryAndItsPluginKnowIronJacamar() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory")
                .and()
                .doNotHaveFullyQualifiedName("io.switchboard.jca.adapter.OutboundStatisticsPlugin")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.jboss.jca..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.switchboard.jca.adapter.OutboundStatisticsPlugin")
                .because("IronJacamar is WildFly's: its SPI stays confined to the statistics classes")
                .check(CLASSES);
    }
}
