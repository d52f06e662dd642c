/**
 * The imputation job's life: stored with every transition, queued durably on db-scheduler, dispatched to its remote
 * server, polled until it ends, its results streamed into file-manager, each change announced on the jobs stream.
 */
package org.fedimpute.jobs.lifecycle;
