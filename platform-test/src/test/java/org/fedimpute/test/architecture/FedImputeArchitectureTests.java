package org.fedimpute.test.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Each rule catches the fixture built to break it (under {@code org.fedimpute.users} in this module's tests) and
 * passes code that keeps it.
 */
class FedImputeArchitectureTests {

    private static final JavaClasses fixtures = new ClassFileImporter().importPackages("org.fedimpute.users");
    private static final JavaClasses compliant = new ClassFileImporter().importPackages("org.fedimpute.users.accounts");

    @Test
    void aControllerUsingARepositoryIsCaught() {
        assertThatThrownBy(() ->
                        FedImputeArchitecture.controllersDoNotUseRepositories().check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AccountController");
    }

    @Test
    void aRepositoryUsedOutsideItsFeatureIsCaught() {
        assertThatThrownBy(() ->
                        FedImputeArchitecture.repositoriesStayInTheirFeature().check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AccountController")
                .hasMessageNotContaining("AccountService");
    }

    @Test
    void aCycleBetweenFeaturesIsCaught() {
        assertThatThrownBy(() -> FedImputeArchitecture.featuresAreFreeOfCycles("org.fedimpute.users")
                        .check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("keys")
                .hasMessageContaining("audit");
    }

    @Test
    void aDependencyOnAnotherServicesCodeIsCaught() {
        assertThatThrownBy(() -> FedImputeArchitecture.noDependencyOnOtherServices("org.fedimpute.users")
                        .check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("JobClient");
    }

    @Test
    void anEntityUnderAnAssignedKeyThatCannotTellItIsNewIsCaught() {
        assertThatThrownBy(() -> FedImputeArchitecture.entitiesUnderAssignedKeysTellWhenTheyAreNew()
                        .check(fixtures))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("keys.ApiKeyRecord")
                .hasMessageNotContaining("AuditEntry")
                .hasMessageNotContaining("Account");
    }

    @Test
    void codeThatKeepsTheRulesPassesThemAll() {
        assertThatCode(() ->
                        FedImputeArchitecture.rulesFor("org.fedimpute.users").check(compliant))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyServicePackagesHaveRules() {
        assertThatThrownBy(() -> FedImputeArchitecture.rulesFor("org.example.shop"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
