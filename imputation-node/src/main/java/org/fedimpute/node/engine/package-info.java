/**
 * The imputation engines a node can run (Beagle today, Minimac4 later): whether each is installed, its version, and
 * the command that imputes one chromosome.
 */
package org.fedimpute.node.engine;
