/**
 * The reference panels a node offers, configured by files ({@code fedimpute.node.panels}) and checked when the node
 * starts, so that a missing file is reported up front rather than found by a failing run.
 */
package org.fedimpute.node.panels;
