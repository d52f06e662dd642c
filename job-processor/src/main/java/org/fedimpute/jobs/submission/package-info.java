/**
 * Submitting a job, directly or from a saved template: every check a researcher can be told about at once (service,
 * panel, build, population, input files and their validation, external token, quota) before the job is queued.
 */
package org.fedimpute.jobs.submission;
