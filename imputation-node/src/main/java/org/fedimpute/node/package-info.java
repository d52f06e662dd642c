/** imputation-node: the platform's own GA4GH WES imputation node, running Beagle; deployable at partner sites. */
package org.fedimpute.node;
