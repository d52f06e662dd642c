/**
 * The node's WES runs: stored in PostgreSQL with their steps, queued durably on db-scheduler, each worked in its own
 * directory by the imputation workflow, cancelled by killing its processes, and settled after a restart.
 */
package org.fedimpute.node.runs;
