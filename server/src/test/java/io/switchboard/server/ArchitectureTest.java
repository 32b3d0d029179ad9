package io.switchboard.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The server's dependency rules (docs/architecture.md), checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.switchboard");

    /** Features plug into routing through the interfaces routing owns; routing knows none of them. */
    @Test
    void routingDependsOnNoOtherPartOfTheServer() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.switchboard.server.routing..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.switchboard.server..")
                        .and(not(resideInAPackage("io.switchboard.server.routing..")))
                        .and(not(resideInAPackage("io.switchboard.server.logging.."))))
                .because("hold sessions, async calls, front doors and later features plug into routing through "
                        + "CallInterceptor, SessionKeeper, Destination, BuiltInSession and PublicationWatcher "
                        + "(the log ids of server.logging are allowed: a leaf, like SLF4J)");
        rule.check(CLASSES);
    }

    /** The log ids and the launcher's logging set-up are a leaf every part of the server may use. */
    @Test
    void loggingDependsOnNoOtherPartOfTheServer() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.server.logging..")
                .should()
                .dependOnClassesThat(resideInAPackage("io.switchboard.server..")
                        .and(not(resideInAPackage("io.switchboard.server.logging.."))))
                .check(CLASSES);
    }

    /** The router stays one small seam: a feature that needs more goes behind one of its interfaces. */
    @Test
    void theRouterStaysSmall() throws java.io.IOException {
        java.nio.file.Path source =
                java.nio.file.Path.of("src/main/java/io/switchboard/server/routing/CallRouter.java");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(source)) {
            org.assertj.core.api.Assertions.assertThat(lines.count())
                    .as("lines in CallRouter.java (docs/architecture.md)")
                    .isLessThan(250);
        }
    }

    @Test
    void theProtocolDependsOnNeitherClientNorServer() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.switchboard.client..", "io.switchboard.server..", "io.switchboard.jca..")
                .check(CLASSES);
    }

    @Test
    void theServerDependsOnNoClientOrAdapter() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.switchboard.client..", "io.switchboard.jca..")
                .check(CLASSES);
    }

    /** The admin CLI is on the server's class path only so the distribution ships it; the server never uses it. */
    @Test
    void theServerUsesNoCliClass() {
        noClasses()
                .that()
                .resideInAPackage("io.switchboard.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.switchboard.cli..")
                .because("the CLI depends on the client; bin/switchboard starts it as a main class of its own")
                .check(CLASSES);
    }
}
