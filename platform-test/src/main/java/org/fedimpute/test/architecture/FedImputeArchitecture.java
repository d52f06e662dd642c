package org.fedimpute.test.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The structural rules every FedImpute service keeps, written once so that each service's architecture test is a
 * single call: controllers stay off repositories, a feature's repositories stay inside it, features do not depend
 * on each other in cycles, no service depends on another service's code, and an entity under a key the service assigns
 * tells Spring Data when it is new.
 */
public final class FedImputeArchitecture {

    /** The root package of every service; the shared modules live outside these. */
    static final List<String> SERVICE_PACKAGES = List.of(
            "org.fedimpute.gateway",
            "org.fedimpute.users",
            "org.fedimpute.registry",
            "org.fedimpute.jobs",
            "org.fedimpute.files",
            "org.fedimpute.notifications",
            "org.fedimpute.monitoring",
            "org.fedimpute.node");

    private static final String REPOSITORY = "org.springframework.data.repository.Repository";
    private static final String ID = "jakarta.persistence.Id";
    private static final String GENERATED = "jakarta.persistence.GeneratedValue";

    private FedImputeArchitecture() {}

    /** The production classes of the service rooted at {@code servicePackage}. */
    public static JavaClasses importService(String servicePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(servicePackage);
    }

    /** All the rules for one service (or another FedImpute application, such as a starter's test app). */
    public static ArchRule rulesFor(String servicePackage) {
        if (!servicePackage.startsWith("org.fedimpute.")) {
            throw new IllegalArgumentException(servicePackage + " is not a FedImpute package");
        }
        return CompositeArchRule.of(controllersDoNotUseRepositories())
                .and(repositoriesStayInTheirFeature())
                .and(featuresAreFreeOfCycles(servicePackage))
                .and(noDependencyOnOtherServices(servicePackage))
                .and(noJackson2Databind())
                .and(entitiesUnderAssignedKeysTellWhenTheyAreNew());
    }

    static ArchRule controllersDoNotUseRepositories() {
        return noClasses()
                .that()
                .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(REPOSITORY)
                .because("controllers talk to their feature's service, which owns transactions")
                .allowEmptyShould(true);
    }

    static ArchRule repositoriesStayInTheirFeature() {
        return classes()
                .that()
                .areAssignableTo(REPOSITORY)
                .and()
                .areInterfaces()
                .should(new ArchCondition<>("be used only inside their own feature package") {
                    @Override
                    public void check(JavaClass repository, ConditionEvents events) {
                        for (Dependency use : repository.getDirectDependenciesToSelf()) {
                            if (!use.getOriginClass().getPackageName().equals(repository.getPackageName())) {
                                events.add(SimpleConditionEvent.violated(use, use.getDescription()));
                            }
                        }
                    }
                })
                .because("a feature's persistence is its own; other features go through its service")
                .allowEmptyShould(true);
    }

    static ArchRule featuresAreFreeOfCycles(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true);
    }

    static ArchRule noDependencyOnOtherServices(String servicePackage) {
        String[] others = SERVICE_PACKAGES.stream()
                .filter(other -> !other.equals(servicePackage))
                .map(other -> other + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(servicePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk over REST and events, never through each other's code")
                .allowEmptyShould(true);
    }

    static ArchRule entitiesUnderAssignedKeysTellWhenTheyAreNew() {
        return classes()
                .that()
                .areAnnotatedWith("jakarta.persistence.Entity")
                .and(new DescribedPredicate<JavaClass>("have a key the service assigns") {
                    @Override
                    public boolean test(JavaClass entity) {
                        return entity.getAllFields().stream().anyMatch(field -> field.isAnnotatedWith(ID))
                                && entity.getAllFields().stream().noneMatch(field -> field.isAnnotatedWith(GENERATED));
                    }
                })
                .should()
                .beAssignableTo("org.springframework.data.domain.Persistable")
                .because("Spring Data cannot otherwise tell such an entity is new and merges it, reading its row before"
                        + " every insert; extend the service starter's AssignedKeyEntity")
                .allowEmptyShould(true);
    }

    static ArchRule noJackson2Databind() {
        return noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson.databind..")
                .because("Boot 4 configures Jackson 3 (tools.jackson); a Jackson 2 mapper would ignore its settings")
                .allowEmptyShould(true);
    }
}
