package org.fedimpute.files.quota;

import java.util.UUID;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileRecords;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells researchers how much of their storage quota their files take. */
@RestController
class QuotaController {

    private final StorageQuotas quotas;
    private final FileRecords records;

    QuotaController(StorageQuotas quotas, FileRecords records) {
        this.quotas = quotas;
        this.records = records;
    }

    @GetMapping("/api/v1/files/quota")
    QuotaResponse quota(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        UUID owner = caller.requireUser();
        long quota = quotas.quotaOf(caller.tier());
        long used = records.usedBytes(owner);
        return new QuotaResponse(quotas.tierOrDefault(caller.tier()), quota, used, Math.max(0, quota - used));
    }

    /** A user's quota and how much of it their stored files take. */
    record QuotaResponse(String tier, long quotaBytes, long usedBytes, long remainingBytes) {}
}
