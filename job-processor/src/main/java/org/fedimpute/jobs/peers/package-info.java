/**
 * The other platform services job-processor calls with its service token: service-registry for where a job goes,
 * user-service for the researcher's token on a Michigan-type server, file-manager for inputs and results.
 */
package org.fedimpute.jobs.peers;
