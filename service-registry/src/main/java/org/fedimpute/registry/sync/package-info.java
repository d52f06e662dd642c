/**
 * Reference-panel sync: reads what each service's server offers (a Michigan-type server's app description, a WES
 * node's service-info), reconciles the service's panels with it by hand or daily, and keeps a report of every sync.
 */
package org.fedimpute.registry.sync;
