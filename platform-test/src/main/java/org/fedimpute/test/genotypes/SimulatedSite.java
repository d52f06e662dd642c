package org.fedimpute.test.genotypes;

/** One biallelic SNP of a simulated region, with its genetic position so that the map and the VCFs agree. */
public record SimulatedSite(int position, String id, String referenceBase, String alternateBase, double centiMorgans) {}
