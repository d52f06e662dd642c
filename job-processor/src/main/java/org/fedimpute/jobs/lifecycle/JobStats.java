package org.fedimpute.jobs.lifecycle;

import java.util.Map;

/**
 * A researcher's jobs in numbers.
 *
 * @param byStatus how many jobs are in each status, every status listed
 * @param averageExecutionSeconds the mean time from start (or submission, for a job never seen running) to completion
 *     of the completed jobs; null when none completed
 */
record JobStats(Map<JobStatus, Long> byStatus, Double averageExecutionSeconds) {}
