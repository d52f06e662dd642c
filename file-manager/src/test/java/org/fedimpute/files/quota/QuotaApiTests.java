package org.fedimpute.files.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fedimpute.files.FileApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A researcher sees their tier's quota and how much of it their files take. */
class QuotaApiTests extends FileApiTestSupport {

    @Test
    void theQuotaIsTheTiersAndTheUseIsTheSumOfStoredFiles() {
        UUID owner = UUID.randomUUID();
        String token = researcher(owner);
        uploaded(token, "a.vcf", new byte[1000]);
        uploaded(token, "b.vcf", new byte[234]);

        JsonNode quota = body(get("/api/v1/files/quota", token));

        assertThat(quota.get("tier").asString()).isEqualTo("FREE");
        assertThat(quota.get("quotaBytes").asLong()).isEqualTo(FREE_QUOTA);
        assertThat(quota.get("usedBytes").asLong()).isEqualTo(1234);
        assertThat(quota.get("remainingBytes").asLong()).isEqualTo(FREE_QUOTA - 1234);
        assertThat(body(get("/api/v1/files/quota", premium(owner)))
                        .get("quotaBytes")
                        .asLong())
                .isEqualTo(100L << 30);
    }
}
