package io.ifastapi.foundation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's layers: IFastAPI on top, the request API (io.ifastapi.http) and JSON at the bottom, routing,
 * sessions, middleware, errors and server in between, and no package cycle anywhere, the root included.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ifastapi");

    @Test
    void thePackageGraphHasNoCycle() {
        // Every package is its own slice, the root package "io.ifastapi" too.
        slices().assignedFrom(new com.tngtech.archunit.library.dependencies.SliceAssignment() {
            @Override
            public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(
                    com.tngtech.archunit.core.domain.JavaClass javaClass) {
                return com.tngtech.archunit.library.dependencies.SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "every package of the core";
            }
        }).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void nothingBelowTheFacadeKnowsIFastAPI() {
        // The test client drives an app from outside, as a user's test does: it sits above the facade.
        noClasses().that().resideOutsideOfPackages("io.ifastapi", "io.ifastapi.testclient..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.ifastapi.IFastAPI")
                .check(CORE);
    }

    @Test
    void theCoreImportsNoServer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.eclipse.jetty..")
                .check(CORE); // the adapters are modules of their own (ifastapi-netty, ifastapi-jetty)
    }

    @Test
    void theCoreImportsNoTemplateEngine() {
        // io.ifastapi.templates is a seam: engines are modules of their own (ifastapi-templates-jte)
        noClasses().should().dependOnClassesThat().resideInAnyPackage("gg.jte..", "io.pebbletemplates..",
                "freemarker..", "org.thymeleaf..").check(CORE);
    }

    @Test
    void theRequestApiDependsOnNoFrameworkPart() {
        noClasses().that().resideInAPackage("io.ifastapi.http")
                .should().dependOnClassesThat().resideInAnyPackage("io.ifastapi.routing..", "io.ifastapi.sessions..",
                        "io.ifastapi.middleware..", "io.ifastapi.errors..", "io.ifastapi.server..",
                        "io.ifastapi.internal..", "io.ifastapi.testclient..")
                .check(CORE);
    }
}
