package org.fedimpute.files.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.fedimpute.test.security.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** monitoring-service reads the platform's storage in all; researchers cannot. */
class InternalStorageTests extends FileApiTestSupport {

    private static final String PATH = "/internal/storage";

    @Test
    void theTotalsCountEveryOwnersStoredFiles() {
        JsonNode before = body(get(PATH, monitoringService()));
        UUID ada = UUID.randomUUID();
        UUID grace = UUID.randomUUID();
        uploaded(researcher(ada), "a.vcf", new byte[1000]);
        uploaded(researcher(grace), "b.vcf", new byte[234]);
        result(ada, UUID.randomUUID(), "out.txt", new byte[66]);

        JsonNode after = body(get(PATH, monitoringService()));

        assertThat(after.get("storedBytes").asLong() - before.get("storedBytes").asLong())
                .isEqualTo(1300);
        assertThat(after.get("storedFiles").asLong() - before.get("storedFiles").asLong())
                .isEqualTo(3);
        assertProblem(get(PATH, researcher(ada)), 403);
    }

    private static String monitoringService() {
        return TestJwtIssuer.get().mint("monitoring-service", List.of("SERVICE"), null, Duration.ofMinutes(15));
    }
}
