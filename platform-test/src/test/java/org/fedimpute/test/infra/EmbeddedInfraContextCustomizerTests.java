package org.fedimpute.test.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spring caches contexts by their customizers, so their equality decides which tests share a database. */
class EmbeddedInfraContextCustomizerTests {

    private final EmbeddedInfraContextCustomizerFactory factory = new EmbeddedInfraContextCustomizerFactory();

    @UseEmbeddedInfra
    static class FirstIsolated {}

    @UseEmbeddedInfra
    static class SecondIsolated {}

    @UseEmbeddedInfra(isolation = UseEmbeddedInfra.Isolation.CONTEXT)
    static class FirstShared {}

    @UseEmbeddedInfra(isolation = UseEmbeddedInfra.Isolation.CONTEXT)
    static class SecondShared {}

    @UseEmbeddedInfra(redis = false, isolation = UseEmbeddedInfra.Isolation.CONTEXT)
    static class SharedWithoutRedis {}

    static class Unannotated {}

    static class InheritsIsolation extends FirstIsolated {}

    @Test
    void classIsolationGivesEveryTestClassItsOwnContext() {
        assertThat(customizer(FirstIsolated.class)).isNotEqualTo(customizer(SecondIsolated.class));
        assertThat(customizer(FirstIsolated.class)).isEqualTo(customizer(FirstIsolated.class));
    }

    @Test
    void contextIsolationSharesTheContextOfTheSameConfiguration() {
        assertThat(customizer(FirstShared.class)).isEqualTo(customizer(SecondShared.class));
        assertThat(customizer(FirstShared.class)).isNotEqualTo(customizer(SharedWithoutRedis.class));
    }

    @Test
    void onlyAnnotatedClassesAndTheirSubclassesAreCustomized() {
        assertThat(customizer(Unannotated.class)).isNull();
        assertThat(customizer(InheritsIsolation.class)).isNotNull();
    }

    private Object customizer(Class<?> testClass) {
        return factory.createContextCustomizer(testClass, List.of());
    }
}
