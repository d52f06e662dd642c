/** job-processor: durable imputation jobs, dispatched to Michigan-type servers, GA4GH WES nodes and the platform's own node. */
package org.fedimpute.jobs;
