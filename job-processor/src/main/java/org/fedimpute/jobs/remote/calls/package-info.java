/**
 * The HTTP exchanges with remote imputation servers, behind a bulkhead, retries and a circuit breaker per service,
 * with streamed multipart uploads and downloads and a watchdog that abandons transfers that stop moving.
 */
package org.fedimpute.jobs.remote.calls;
