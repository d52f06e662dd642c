/**
 * Reference panels per imputation service: the admin's entries and the reconciliation of a service's catalogue with
 * what its server offers.
 */
package org.fedimpute.registry.panels;
