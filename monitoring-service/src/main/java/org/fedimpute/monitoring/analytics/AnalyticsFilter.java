package org.fedimpute.monitoring.analytics;

import java.time.Instant;
import java.util.UUID;
import org.fedimpute.monitoring.analytics.JobReport.Bucket;

/**
 * Which jobs a report covers, already checked against the analytics' limits.
 *
 * @param from inclusive
 * @param to exclusive
 */
record AnalyticsFilter(Instant from, Instant to, UUID serviceId, UUID userId, Bucket bucket) {}
