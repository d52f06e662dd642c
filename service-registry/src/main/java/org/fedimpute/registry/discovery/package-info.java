/**
 * Discovery: which healthy services suit a researcher's request best, ranked by an explainable score over distance,
 * response time, recent job success and matching reference panels, with the reasons for each place.
 */
package org.fedimpute.registry.discovery;
