/** service-registry: the catalogue of imputation services and reference panels, with live health checks. */
package org.fedimpute.registry;
