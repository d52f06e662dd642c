package org.fedimpute.test.genotypes;

/**
 * Biallelic haplotypes packed one bit per site, so that tests can inspect hundreds of haplotypes over thousands of
 * sites without reading a VCF; haplotypes {@code 2i} and {@code 2i + 1} are the two copies of sample {@code i}.
 */
public final class HaplotypeMatrix {

    private final int siteCount;
    private final long[][] altBits;

    HaplotypeMatrix(int haplotypeCount, int siteCount) {
        this.siteCount = siteCount;
        this.altBits = new long[haplotypeCount][(siteCount + Long.SIZE - 1) / Long.SIZE];
    }

    public int haplotypeCount() {
        return altBits.length;
    }

    public int sampleCount() {
        return altBits.length / 2;
    }

    public int siteCount() {
        return siteCount;
    }

    /** The allele of a haplotype at a site: 0 for REF, 1 for ALT. */
    public int allele(int haplotype, int site) {
        checkSite(site);
        return (int) (altBits[haplotype][site >>> 6] >>> site) & 1;
    }

    /** Number of ALT alleles at a site over all haplotypes. */
    public int altAlleleCount(int site) {
        checkSite(site);
        int count = 0;
        for (long[] haplotype : altBits) {
            count += (int) (haplotype[site >>> 6] >>> site) & 1;
        }
        return count;
    }

    public double altAlleleFrequency(int site) {
        return (double) altAlleleCount(site) / haplotypeCount();
    }

    void flip(int haplotype, int site) {
        altBits[haplotype][site >>> 6] ^= 1L << site;
    }

    void setAlt(int haplotype, int site) {
        altBits[haplotype][site >>> 6] |= 1L << site;
    }

    private void checkSite(int site) {
        if (site < 0 || site >= siteCount) {
            throw new IndexOutOfBoundsException("site " + site + " outside [0, " + siteCount + ")");
        }
    }
}
