package org.fedimpute.test.genotypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import htsjdk.variant.vcf.VCFHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenotypeSimulationTests {

    private static final GenotypeSimulation DEFAULTS =
            GenotypeSimulation.builder().build();

    /** Small enough that writing it several times stays fast. */
    private static final GenotypeSimulation SMALL = GenotypeSimulation.builder()
            .seed(7)
            .variantSites(800)
            .referenceSamples(30)
            .targetSamples(8)
            .build();

    @TempDir
    static Path defaultsDirectory;

    private static SimulatedDataset defaultDataset;
    private static SimulatedPopulation defaultPopulation;
    private static VCFHeader referenceHeader;
    private static List<VariantContext> referenceVariants;

    @BeforeAll
    static void writeDefaultDataset() throws IOException {
        defaultDataset = DEFAULTS.writeTo(defaultsDirectory);
        defaultPopulation = DEFAULTS.simulate();
        try (VCFFileReader reader = new VCFFileReader(defaultDataset.reference(), true)) {
            referenceHeader = reader.getFileHeader();
            referenceVariants = reader.iterator().toList();
        }
    }

    @Test
    void defaultsAreTheDocumentedFigures() {
        assertThat(DEFAULTS.chromosome()).isEqualTo("20");
        assertThat(DEFAULTS.genomeBuild()).isEqualTo("GRCh37");
        assertThat(DEFAULTS.founderHaplotypes()).isEqualTo(16);
        assertThat(DEFAULTS.referenceSamples()).isEqualTo(100);
        assertThat(DEFAULTS.targetSamples()).isEqualTo(20);
        assertThat(DEFAULTS.variantSites()).isEqualTo(3_000);
        assertThat(DEFAULTS.firstPosition()).isEqualTo(60_000);
        assertThat(DEFAULTS.meanSiteSpacing()).isEqualTo(1_000);
        assertThat(DEFAULTS.switchRatePerSite()).isEqualTo(0.01);
        assertThat(DEFAULTS.mutationRate()).isEqualTo(0.002);
        assertThat(DEFAULTS.arrayFraction()).isEqualTo(0.2);
        assertThat(DEFAULTS.phasedTarget()).isTrue();
        assertThat(DEFAULTS.arraySites()).isEqualTo(600);
    }

    @Test
    void sameSettingsWriteIdenticalBytesAndAnotherSeedChangesThePanel(@TempDir Path directory) throws IOException {
        SimulatedDataset first = SMALL.writeTo(directory.resolve("first"));
        SimulatedDataset second = SMALL.writeTo(directory.resolve("second"));
        SimulatedDataset reseeded = SMALL.toBuilder().seed(8).build().writeTo(directory.resolve("reseeded"));

        assertThat(first.files()).hasSize(7).allSatisfy(file -> assertThat(file).isNotEmptyFile());
        assertThat(hashes(second)).isEqualTo(hashes(first));
        assertThat(sha256(reseeded.reference())).isNotEqualTo(sha256(first.reference()));
        assertThat(sha256(reseeded.target())).isNotEqualTo(sha256(first.target()));
    }

    @Test
    void writingAgainIntoTheSameDirectoryReplacesTheFilesWithTheSameBytes() throws IOException {
        Map<String, String> before = hashes(defaultDataset);

        DEFAULTS.writeTo(defaultsDirectory);

        assertThat(hashes(defaultDataset)).isEqualTo(before);
    }

    @Test
    void referencePanelHoldsEverySiteInOrderAndPolymorphic() {
        assertThat(referenceHeader.getGenotypeSamples())
                .hasSize(100)
                .startsWith("REF0001", "REF0002")
                .endsWith("REF0100");
        assertThat(referenceVariants).hasSize(3_000);
        assertThat(positions(referenceVariants)).isSorted().doesNotHaveDuplicates();
        assertThat(referenceVariants).allSatisfy(variant -> {
            assertThat(variant.getContig()).isEqualTo("20");
            assertThat(variant.isBiallelic()).isTrue();
            assertThat(variant.getID()).isEqualTo("rs_sim_" + variant.getStart());
            assertThat(variant.getCalledChrCount(variant.getAlternateAllele(0))).isBetween(1, 199);
            assertThat(variant.getGenotypes()).allMatch(Genotype::isPhased);
        });
    }

    @Test
    void referenceVcfCarriesTheSimulatedHaplotypes() {
        HaplotypeMatrix haplotypes = defaultPopulation.referenceHaplotypes();
        assertThat(referenceVariants).hasSize(haplotypes.siteCount());
        for (int site = 0; site < haplotypes.siteCount(); site++) {
            VariantContext variant = referenceVariants.get(site);
            SimulatedSite expected = defaultPopulation.sites().get(site);
            assertThat(variant.getStart()).isEqualTo(expected.position());
            assertThat(variant.getReference().getBaseString()).isEqualTo(expected.referenceBase());
            assertThat(variant.getAlternateAllele(0).getBaseString()).isEqualTo(expected.alternateBase());
            for (int sample = 0; sample < haplotypes.sampleCount(); sample++) {
                Genotype genotype = variant.getGenotype(sample);
                assertThat(alleleIndex(variant, genotype, 0)).isEqualTo(haplotypes.allele(2 * sample, site));
                assertThat(alleleIndex(variant, genotype, 1)).isEqualTo(haplotypes.allele(2 * sample + 1, site));
            }
        }
    }

    @Test
    void targetTypesAnEvenlySpreadFifthOfTheReferenceSites() {
        List<Integer> referencePositions = positions(referenceVariants);
        try (VCFFileReader reader = new VCFFileReader(defaultDataset.target(), true)) {
            assertThat(reader.getFileHeader().getGenotypeSamples())
                    .hasSize(20)
                    .startsWith("TGT0001")
                    .endsWith("TGT0020");
            List<VariantContext> variants = reader.iterator().toList();
            List<Integer> targetPositions = positions(variants);

            assertThat(targetPositions).hasSize(600).isSorted().doesNotHaveDuplicates();
            assertThat(referencePositions).containsAll(targetPositions);
            assertThat((double) targetPositions.size() / referencePositions.size())
                    .isCloseTo(0.2, within(0.01));
            assertThat(referencePositions.indexOf(targetPositions.getFirst())).isLessThan(10);
            assertThat(referencePositions.indexOf(targetPositions.getLast())).isGreaterThan(2_990);
            assertThat(variants)
                    .allSatisfy(variant -> assertThat(variant.getGenotypes()).allMatch(Genotype::isPhased));
        }
    }

    @Test
    void targetGenotypesAgreeWithTheTruthAtTheArraySites() {
        Map<Integer, VariantContext> truthByPosition = new LinkedHashMap<>();
        try (VCFFileReader truth = new VCFFileReader(defaultDataset.truth(), true)) {
            assertThat(truth.getFileHeader().getGenotypeSamples()).hasSize(20);
            for (VariantContext variant : truth) {
                assertThat(variant.getGenotypes()).allMatch(Genotype::isPhased);
                truthByPosition.put(variant.getStart(), variant);
            }
        }
        assertThat(truthByPosition).hasSize(3_000);
        try (VCFFileReader target = new VCFFileReader(defaultDataset.target(), true)) {
            for (VariantContext variant : target) {
                VariantContext truth = truthByPosition.get(variant.getStart());
                for (Genotype genotype : variant.getGenotypes()) {
                    assertThat(genotype.getGenotypeString())
                            .isEqualTo(
                                    truth.getGenotype(genotype.getSampleName()).getGenotypeString());
                }
            }
        }
    }

    @Test
    void tabixIndexAnswersRegionQueries() {
        List<SimulatedSite> sites = defaultPopulation.sites();
        int start = sites.get(1_000).position();
        int end = sites.get(1_099).position();
        try (VCFFileReader reader = new VCFFileReader(defaultDataset.truth(), true)) {
            assertThat(reader.query("20", start, end).toList()).hasSize(100);
        }
    }

    @Test
    void headersNameBuildSeedAndContigAndNothingElseVariable() throws IOException {
        List<String> header = textLines(defaultDataset.reference()).stream()
                .takeWhile(line -> line.startsWith("##"))
                .toList();

        assertThat(header)
                .containsExactly(
                        "##fileformat=VCFv4.2",
                        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">",
                        "##contig=<ID=20,length=63025520>",
                        "##reference=GRCh37",
                        "##source=FedImputeGenotypeSimulation seed=1");
    }

    @Test
    void grch38ChromosomesMayCarryTheChrPrefix(@TempDir Path directory) throws IOException {
        SimulatedDataset dataset = SMALL.toBuilder()
                .chromosome("chr20")
                .genomeBuild("GRCh38")
                .build()
                .writeTo(directory);

        try (VCFFileReader reader = new VCFFileReader(dataset.target(), true)) {
            assertThat(reader.getFileHeader()
                            .getSequenceDictionary()
                            .getSequence("chr20")
                            .getSequenceLength())
                    .isEqualTo(64_444_167);
            assertThat(reader.getFileHeader().getOtherHeaderLine("reference").getValue())
                    .isEqualTo("GRCh38");
            assertThat(reader.iterator().toList())
                    .allMatch(variant -> variant.getContig().equals("chr20"));
        }
        assertThat(Files.readAllLines(dataset.geneticMap())).allMatch(line -> line.startsWith("chr20\t"));
    }

    @Test
    void unphasedTargetListsReferenceAlleleFirst(@TempDir Path directory) throws IOException {
        SimulatedDataset dataset = SMALL.toBuilder().phasedTarget(false).build().writeTo(directory);

        try (VCFFileReader reader = new VCFFileReader(dataset.target(), true)) {
            List<Genotype> genotypes = reader.iterator().stream()
                    .flatMap(variant -> variant.getGenotypes().stream())
                    .toList();
            assertThat(genotypes).isNotEmpty().noneMatch(Genotype::isPhased);
            assertThat(genotypes).anyMatch(Genotype::isHet);
        }
        List<String> genotypeFields = textLines(dataset.target()).stream()
                .filter(line -> !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.split("\t")).skip(9))
                .toList();
        assertThat(genotypeFields).contains("0/1").doesNotContain("1/0").allMatch(field -> field.matches("[01]/[01]"));
        try (VCFFileReader truth = new VCFFileReader(dataset.truth(), true)) {
            assertThat(truth.iterator().next().getGenotypes()).allMatch(Genotype::isPhased);
        }
    }

    @Test
    void geneticMapHasOneLinePerSiteWithNonDecreasingCentiMorgans() throws IOException {
        List<String> lines = Files.readAllLines(defaultDataset.geneticMap(), StandardCharsets.US_ASCII);
        List<SimulatedSite> sites = defaultPopulation.sites();

        assertThat(lines).hasSize(sites.size());
        double previousCentiMorgans = -1;
        for (int row = 0; row < lines.size(); row++) {
            String[] fields = lines.get(row).split("\\s+");
            assertThat(fields).hasSize(4);
            assertThat(fields[0]).isEqualTo("20");
            assertThat(fields[1]).isEqualTo(".");
            double centiMorgans = Double.parseDouble(fields[2]);
            assertThat(centiMorgans).isGreaterThanOrEqualTo(previousCentiMorgans);
            assertThat(Integer.parseInt(fields[3])).isEqualTo(sites.get(row).position());
            previousCentiMorgans = centiMorgans;
        }
        double expectedSpan = -100 * Math.log(1 - 0.01) / GenotypeSimulation.FOUNDER_GENERATIONS * (sites.size() - 1);
        assertThat(previousCentiMorgans).isCloseTo(expectedSpan, within(1e-5));
        double megabases = (sites.getLast().position() - sites.getFirst().position()) / 1e6;
        assertThat(previousCentiMorgans / megabases).as("cM per Mb").isBetween(0.5, 2.0);
    }

    @Test
    void nearbySitesAreInLinkageAndDistantOnesAreNot() {
        HaplotypeMatrix haplotypes = GenotypeSimulation.builder()
                .variantSites(10_000)
                .build()
                .simulate()
                .referenceHaplotypes();

        double adjacent = meanSquaredCorrelation(haplotypes, 1);
        double tenApart = meanSquaredCorrelation(haplotypes, 10);
        double distant = meanSquaredCorrelation(haplotypes, 500);

        assertThat(adjacent).isGreaterThan(0.2).isGreaterThan(10 * distant);
        assertThat(tenApart).isBetween(distant, adjacent);
        assertThat(distant).isLessThan(0.02);
    }

    @Test
    void alternateAlleleFrequenciesAreUShaped() {
        HaplotypeMatrix haplotypes = defaultPopulation.referenceHaplotypes();
        int[] deciles = new int[10];
        for (int site = 0; site < haplotypes.siteCount(); site++) {
            deciles[Math.min(9, (int) (10 * haplotypes.altAlleleFrequency(site)))]++;
        }

        assertThat(deciles[0]).isGreaterThan(2 * deciles[4]).isGreaterThan(2 * deciles[5]);
        assertThat(deciles[9]).isGreaterThan(2 * deciles[4]).isGreaterThan(2 * deciles[5]);
    }

    @Test
    void targetSamplesAreNotCopiesOfReferenceSamples() {
        HaplotypeMatrix reference = defaultPopulation.referenceHaplotypes();
        HaplotypeMatrix target = defaultPopulation.targetHaplotypes();
        for (int targetHaplotype = 0; targetHaplotype < target.haplotypeCount(); targetHaplotype++) {
            for (int referenceHaplotype = 0; referenceHaplotype < reference.haplotypeCount(); referenceHaplotype++) {
                int differences = 0;
                for (int site = 0; site < target.siteCount(); site++) {
                    differences += target.allele(targetHaplotype, site) ^ reference.allele(referenceHaplotype, site);
                }
                assertThat(differences).isGreaterThan(target.siteCount() / 20);
            }
        }
    }

    @Test
    void changingTheTargetLeavesTheReferencePanelAlone() {
        SimulatedPopulation moreTargets =
                DEFAULTS.toBuilder().targetSamples(5).arrayFraction(0.5).build().simulate();

        HaplotypeMatrix expected = defaultPopulation.referenceHaplotypes();
        HaplotypeMatrix actual = moreTargets.referenceHaplotypes();
        for (int site = 0; site < expected.siteCount(); site += 97) {
            for (int haplotype = 0; haplotype < expected.haplotypeCount(); haplotype++) {
                assertThat(actual.allele(haplotype, site)).isEqualTo(expected.allele(haplotype, site));
            }
        }
        assertThat(moreTargets.targetHaplotypes().sampleCount()).isEqualTo(5);
        assertThat(moreTargets.arraySiteIndices()).hasSize(1_500);
    }

    @Test
    void simulatingTwoHundredHaplotypesOverTenThousandSitesIsQuick() {
        GenotypeSimulation large =
                GenotypeSimulation.builder().variantSites(10_000).build();

        SimulatedPopulation population = assertTimeout(Duration.ofSeconds(2), large::simulate);

        assertThat(population.referenceHaplotypes().haplotypeCount()).isEqualTo(200);
        assertThat(population.siteCount()).isEqualTo(10_000);
    }

    static Stream<Arguments> nonsense() {
        return Stream.of(
                invalid("founderHaplotypes", builder -> builder.founderHaplotypes(1)),
                invalid("referenceSamples", builder -> builder.referenceSamples(0)),
                invalid("targetSamples", builder -> builder.targetSamples(0)),
                invalid("variantSites", builder -> builder.variantSites(1)),
                invalid("firstPosition", builder -> builder.firstPosition(0)),
                invalid("meanSiteSpacing", builder -> builder.meanSiteSpacing(0)),
                invalid("switchRatePerSite", builder -> builder.switchRatePerSite(1.0)),
                invalid("switchRatePerSite", builder -> builder.switchRatePerSite(-0.1)),
                invalid("mutationRate", builder -> builder.mutationRate(Double.NaN)),
                invalid("mutationRate", builder -> builder.mutationRate(0.7)),
                invalid("arrayFraction", builder -> builder.arrayFraction(0)),
                invalid("arrayFraction", builder -> builder.arrayFraction(1.5)),
                invalid("genomeBuild", builder -> builder.genomeBuild("hg19")),
                invalid("genomeBuild", builder -> builder.genomeBuild(null)),
                invalid("chromosome", builder -> builder.chromosome("chr23")),
                invalid("chromosome", builder -> builder.chromosome("MT")),
                invalid("variantSites", builder -> builder.chromosome("21").variantSites(40_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonsense")
    void rejectsNonsenseNamingTheArgument(String argument, UnaryOperator<GenotypeSimulation.Builder> setting) {
        GenotypeSimulation.Builder builder = setting.apply(GenotypeSimulation.builder());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(argument);
    }

    @Test
    void acceptsTheEdgesOfEveryRange() {
        SimulatedPopulation population = GenotypeSimulation.builder()
                .founderHaplotypes(2)
                .referenceSamples(1)
                .targetSamples(1)
                .variantSites(2)
                .firstPosition(1)
                .meanSiteSpacing(1)
                .switchRatePerSite(0)
                .mutationRate(0)
                .arrayFraction(1)
                .chromosome("X")
                .build()
                .simulate();

        assertThat(population.sites()).extracting(SimulatedSite::position).containsExactly(1, 2);
        assertThat(population.arraySiteIndices()).containsExactly(0, 1);
        assertThat(population.referenceHaplotypes().altAlleleCount(0)).isEqualTo(1);
    }

    private static Arguments invalid(String argument, UnaryOperator<GenotypeSimulation.Builder> setting) {
        return Arguments.of(argument, setting);
    }

    private static double meanSquaredCorrelation(HaplotypeMatrix haplotypes, int distance) {
        double sum = 0;
        int pairs = 0;
        for (int site = 0; site + distance < haplotypes.siteCount(); site++) {
            sum += squaredCorrelation(haplotypes, site, site + distance);
            pairs++;
        }
        return sum / pairs;
    }

    private static double squaredCorrelation(HaplotypeMatrix haplotypes, int first, int second) {
        int count = haplotypes.haplotypeCount();
        int both = 0;
        for (int haplotype = 0; haplotype < count; haplotype++) {
            both += haplotypes.allele(haplotype, first) & haplotypes.allele(haplotype, second);
        }
        double p = (double) haplotypes.altAlleleCount(first) / count;
        double q = (double) haplotypes.altAlleleCount(second) / count;
        double variance = p * (1 - p) * q * (1 - q);
        double covariance = (double) both / count - p * q;
        return variance == 0 ? 0 : covariance * covariance / variance;
    }

    private static int alleleIndex(VariantContext variant, Genotype genotype, int copy) {
        return variant.getAlleleIndex(genotype.getAllele(copy));
    }

    private static List<Integer> positions(List<VariantContext> variants) {
        return variants.stream().map(VariantContext::getStart).toList();
    }

    private static List<String> textLines(Path bgzippedVcf) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(bgzippedVcf)), StandardCharsets.US_ASCII))) {
            return new ArrayList<>(reader.lines().toList());
        }
    }

    private static Map<String, String> hashes(SimulatedDataset dataset) throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Path file : dataset.files()) {
            hashes.put(file.getFileName().toString(), sha256(file));
        }
        return hashes;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
