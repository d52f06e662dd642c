package org.fedimpute.files.validation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The fix for each finding, written as commands on the researcher's own file name so that they can be pasted into a
 * shell as they are (bcftools, bgzip and tabix from htslib; CrossMap or Picard for lift-over).
 */
final class Fixes {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._+/@%=:,-]+");
    private static final Pattern EXTENSION = Pattern.compile(
            "(\\.vcf\\.b?gz|\\.vcf\\.bgzf|\\.vcf|\\.bcf|\\.gz|\\.bgz|\\.txt)$", Pattern.CASE_INSENSITIVE);

    private final String input;
    private final String base;

    Fixes(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "input.vcf.gz" : fileName;
        this.input = SHELL_SAFE.matcher(name).matches() ? name : "'" + name.replace("'", "'\\''") + "'";
        String stem =
                EXTENSION.matcher(name.substring(name.lastIndexOf('/') + 1)).replaceFirst("");
        String safeStem = stem.replaceAll("[^A-Za-z0-9._-]", "_");
        this.base = safeStem.isEmpty() ? "input" : safeStem;
    }

    String emptyFile() {
        return "Check that the export that wrote " + input
                + " finished (`ls -l` shows its size), then upload the file again.";
    }

    String unzip() {
        return "Unpack it (`unzip " + input + "`) and upload the bgzipped VCF inside.";
    }

    String recompress(String decompress) {
        return "`" + decompress + " " + input + " | bgzip -c > " + out("fixed.vcf.gz") + " && tabix -p vcf "
                + out("fixed.vcf.gz") + "`, then upload " + out("fixed.vcf.gz") + ".";
    }

    String convertToVcf() {
        return "Upload genotypes as VCF: from PLINK `plink --bfile data --recode vcf bgz --out " + base
                + "`, from a 23andMe-style table `bcftools convert --tsv2vcf " + input
                + " -f reference.fa -s SAMPLE -Oz -o " + out("fixed.vcf.gz") + "`.";
    }

    String truncated() {
        return "Compress and upload the complete file again: `bgzip -c " + base + ".vcf > " + out("fixed.vcf.gz")
                + "`; `bgzip -t " + out("fixed.vcf.gz") + "` must report no error before you upload it.";
    }

    String corrupt() {
        return "Recreate the file from its source and upload it again; `gzip -t " + input
                + "` shows whether a copy is damaged.";
    }

    String bgzipPlainText() {
        return "`bgzip -c " + input + " > " + out("fixed.vcf.gz") + " && tabix -p vcf " + out("fixed.vcf.gz") + "`";
    }

    String bgzipFromGzip() {
        return recompress("zcat");
    }

    String convertBcf() {
        return "`bcftools view -Oz -o " + out("fixed.vcf.gz") + " " + input + " && tabix -p vcf " + out("fixed.vcf.gz")
                + "`";
    }

    String header() {
        return "Inspect the header with `bcftools view -h " + input
                + "` and correct the line named above; the first line must be `##fileformat=VCFv4.2` (or another"
                + " 4.x version) and the last the tab-separated `#CHROM` line.";
    }

    String addFileformatLine() {
        return "`(echo '##fileformat=VCFv4.2'; zcat -f " + input + ") | bgzip -c > " + out("fixed.vcf.gz") + "`";
    }

    String duplicateSamples() {
        return "List them with `bcftools query -l " + input
                + " | sort | uniq -d`, then give each sample a unique name: `bcftools reheader -s new_names.txt -o "
                + out("fixed.vcf.gz") + " " + input + "`.";
    }

    String noSamples() {
        return "Upload a VCF with genotype columns; a sites-only file cannot be imputed. With PLINK: `plink --bfile"
                + " data --recode vcf bgz --out " + base + "`.";
    }

    String noVariants() {
        return "Check the export or filter step that wrote " + input + ": `bcftools view -H " + input
                + " | head` must print variants.";
    }

    String noGenotypes() {
        return "Export hard-called genotypes (the GT field), for example `plink2 --pfile data --export vcf bgz"
                + " --out " + base + "`; dosage-only files cannot be imputed.";
    }

    String malformedLine() {
        return "Correct or remove the line; `bcftools view " + input
                + " > /dev/null` reports the same problems, and most come from hand-edited or concatenated files"
                + " (combine VCFs with `bcftools concat`, not `cat`).";
    }

    String sort() {
        return "`bcftools sort -Oz -o " + out("sorted.vcf.gz") + " " + input + " && tabix -p vcf "
                + out("sorted.vcf.gz") + "`";
    }

    String addChrPrefix() {
        return "`(for c in $(seq 1 22) X Y; do echo \"$c chr$c\"; done; echo 'MT chrM') > chr_names.txt &&"
                + " bcftools annotate --rename-chrs chr_names.txt -Oz -o " + out("chr.vcf.gz") + " " + input
                + " && tabix -p vcf " + out("chr.vcf.gz") + "`";
    }

    String removeChrPrefix() {
        return "`(for c in $(seq 1 22) X Y; do echo \"chr$c $c\"; done; echo 'chrM MT') > chr_names.txt &&"
                + " bcftools annotate --rename-chrs chr_names.txt -Oz -o " + out("nochr.vcf.gz") + " " + input
                + " && tabix -p vcf " + out("nochr.vcf.gz") + "`";
    }

    String mixedNaming() {
        return "Name every chromosome the same way (`20` for hg19, `chr20` for hg38): "
                + "`bcftools annotate --rename-chrs chr_names.txt` with a two-column old/new list.";
    }

    String positionOutOfRange(String chromosome, long length) {
        return "Positions past a chromosome's end come from another assembly or a broken conversion: check the"
                + " build, or remove those records: `bcftools view -t ^" + chromosome + ":" + (length + 1) + "- -Oz -o "
                + out("fixed.vcf.gz") + " " + input + "`.";
    }

    String liftOver(GenomeBuild from, GenomeBuild to) {
        String chain = from == GenomeBuild.HG19 ? "hg19ToHg38.over.chain.gz" : "hg38ToHg19.over.chain.gz";
        return "Declare " + from.id() + " if the data really is on " + from.assembly() + ". Otherwise lift it over to "
                + to.id() + ": `CrossMap vcf " + chain + " " + input + " " + to.id() + ".fa " + base + "." + to.id()
                + ".vcf` (or Picard LiftoverVcf, or `bcftools +liftover`), then sort, bgzip and index the result.";
    }

    String unsupportedChromosomes(List<String> names) {
        return "Imputation servers impute chromosomes 1-22 and X. Rename PLINK's 23 to X with `bcftools annotate"
                + " --rename-chrs`, or drop the others: `bcftools view -t ^" + String.join(",", names) + " -Oz -o "
                + out("fixed.vcf.gz") + " " + input + "`.";
    }

    String splitByChromosome() {
        return "Split by chromosome: `tabix -p vcf " + input + " && for c in $(tabix -l " + input
                + "); do bcftools view -r $c -Oz -o " + base + ".$c.vcf.gz " + input + "; done`";
    }

    String multiallelic() {
        return "Keep biallelic SNPs: `bcftools view -m2 -M2 -v snps -Oz -o " + out("biallelic.vcf.gz") + " " + input
                + "`, or split them with `bcftools norm -m -any`.";
    }

    String duplicates() {
        return "`bcftools norm --rm-dup exact -Oz -o " + out("dedup.vcf.gz") + " " + input + "`";
    }

    String invalidAlleles() {
        return "Re-export with bases (A, C, G, T) on the forward strand, for example `bcftools +fixref` against the"
                + " reference, or keep only sites with bases: `bcftools view -i 'REF~\"^[ACGTN]+$\" &&"
                + " ALT~\"^[ACGTN]+$\"' -Oz -o " + out("fixed.vcf.gz") + " " + input + "`.";
    }

    String sampleMissingness(List<String> samples) {
        return "Remove the samples with too many missing genotypes: `bcftools view -s ^" + String.join(",", samples)
                + " -Oz -o " + out("fixed.vcf.gz") + " " + input + "` (or `plink2 --mind`).";
    }

    String variantMissingness(double threshold) {
        return "Remove the variants: `bcftools view -i 'F_MISSING<=" + String.format(Locale.ROOT, "%.2f", threshold)
                + "' -Oz -o " + out("fixed.vcf.gz") + " " + input + "` (or `plink2 --geno`).";
    }

    String partiallyPhased() {
        return "Choose a phasing algorithm (eagle or beagle) when you submit, so that all genotypes are phased"
                + " again; or phase the whole file yourself (Eagle, SHAPEIT or Beagle).";
    }

    String nonSnps() {
        return "No action needed unless you want them imputed; to remove them yourself: `bcftools view -v snps -Oz -o "
                + out("snps.vcf.gz") + " " + input + "`.";
    }

    String monomorphic() {
        return "No action needed; to remove them yourself: `bcftools view -c 1:minor -Oz -o " + out("fixed.vcf.gz")
                + " " + input + "`.";
    }

    String filtered() {
        return "No action needed if they failed QC; to keep them, clear the filters: `bcftools annotate -x FILTER -Oz"
                + " -o " + out("fixed.vcf.gz") + " " + input + "`.";
    }

    private String out(String suffix) {
        return base + "." + suffix;
    }
}
