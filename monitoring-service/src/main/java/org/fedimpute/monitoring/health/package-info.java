/**
 * The platform's own services' health: polled readiness and build version, the history of every change, and the
 * up/down gauge per service.
 */
package org.fedimpute.monitoring.health;
