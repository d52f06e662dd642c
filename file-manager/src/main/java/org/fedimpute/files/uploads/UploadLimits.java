package org.fedimpute.files.uploads;

import java.util.OptionalLong;
import java.util.UUID;
import org.fedimpute.files.quota.StorageQuotas;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileRecords;
import org.springframework.stereotype.Component;

/**
 * Works out each upload's allowance: the size limit of the uploader's tier for the kind of upload, lowered to the
 * imputation service's own limit when the file is meant for one, and the room left in the uploader's quota.
 */
@Component
class UploadLimits {

    private final LimitProperties limits;
    private final ServiceLimits services;
    private final StorageQuotas quotas;
    private final FileRecords records;

    UploadLimits(LimitProperties limits, ServiceLimits services, StorageQuotas quotas, FileRecords records) {
        this.limits = limits;
        this.services = services;
        this.quotas = quotas;
        this.records = records;
    }

    /** A user's plain upload, meant for the service with this slug ({@code null} for none). */
    UploadAllowance plain(Caller caller, String service) {
        return allowance(caller, limits.plainMaxOf(caller.tier()), service);
    }

    /** A user's resumable upload, meant for the service with this slug ({@code null} for none). */
    UploadAllowance resumable(Caller caller, String service) {
        return allowance(caller, limits.resumableMaxOf(caller.tier()), service);
    }

    /** The rest of a user's quota for a resumable upload whose size the tus library already holds it to. */
    UploadAllowance quotaFor(Caller caller, long sizeBytes) {
        return withQuota(caller, sizeBytes);
    }

    /** A result job-processor streams in: not held to its owner's quota, though it counts against it. */
    UploadAllowance result() {
        return UploadAllowance.withoutQuota(limits.resultMax().toBytes());
    }

    /** The largest resumable upload of any tier. */
    long largestResumable() {
        return limits.largestResumableMax();
    }

    private UploadAllowance allowance(Caller caller, long tierMax, String service) {
        long max = tierMax;
        if (service != null) {
            OptionalLong serviceMax = services.maxUploadBytes(service);
            if (serviceMax.isPresent()) {
                max = Math.min(max, serviceMax.getAsLong());
            }
        }
        return withQuota(caller, max);
    }

    private UploadAllowance withQuota(Caller caller, long maxBytes) {
        UUID owner = caller.requireUser();
        return new UploadAllowance(maxBytes, OptionalLong.of(quotas.quotaOf(caller.tier())), records.usedBytes(owner));
    }
}
