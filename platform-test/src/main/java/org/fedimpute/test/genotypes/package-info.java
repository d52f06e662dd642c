/** Reproducible synthetic genotype data (reference panel, target array, truth and genetic map) for imputation tests and the local demo. */
package org.fedimpute.test.genotypes;
