/** Cross-cutting setup of job-processor: time and the cipher for secrets at rest. */
package org.fedimpute.jobs.config;
