/**
 * Job analytics from job-processor's events: a read model of its own, kept idempotent and forward-only, the reports
 * and CSV exports admins read, and the gauges of queued and running jobs.
 */
package org.fedimpute.monitoring.analytics;
