/**
 * The node's GA4GH WES 1.1 API under {@code /ga4gh/wes/v1}: service-info for anyone, runs for the hubs that submitted
 * them, errors in WES's own shape.
 */
package org.fedimpute.node.wes;
