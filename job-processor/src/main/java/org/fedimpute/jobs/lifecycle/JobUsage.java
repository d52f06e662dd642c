package org.fedimpute.jobs.lifecycle;

/**
 * What a user's jobs count against their tier's quotas, read in one query: the jobs that have not ended, and those
 * submitted since the start of the quota's month.
 */
public record JobUsage(long unfinished, long submittedThisMonth) {}
