package org.fedimpute.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFFileReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fedimpute.e2e.journey.Gateway;
import org.fedimpute.e2e.journey.LiveStream;
import org.fedimpute.e2e.journey.ResearcherJourney;
import org.fedimpute.e2e.journey.ResultSummary;
import org.fedimpute.e2e.observability.DeployedQueries;
import org.fedimpute.test.genotypes.BeagleCommand;
import org.fedimpute.test.genotypes.SimulatedDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A researcher's whole journey, the one {@code ./platform demo} runs, on the platform started from its jars: every call
 * through the gateway, job-processor's WES client driving the imputation node over HTTP and the node running Beagle,
 * the job followed on the live stream (and resumed after a lost connection), the completion mail read over IMAP, and
 * results that agree with the truth behind the demo genotypes. Skipped, with the reason, where Beagle is not installed.
 */
@ExtendWith(E2ePlatform.Resolver.class)
class ImputationJourneyTests {

    /**
     * The least share of the masked genotypes the journey must get right. The simulated population is built so that
     * Beagle scores about 0.97 at the masked sites (the node's own tests measure it); 0.9 leaves room for the engine's
     * randomness and still fails if positions, alleles or samples were mixed up on the way.
     */
    private static final double MIN_CONCORDANCE = 0.9;

    private static E2ePlatform platform;

    @BeforeAll
    static void onThePlatform(E2ePlatform started) {
        assumeTrue(BeagleCommand.installed(), "Beagle is not installed (Debian package beagle)");
        platform = started;
    }

    @Test
    void aResearcherFollowsAnImputationOnTheNodeLiveAndGetsResultsThatAgreeWithTheTruth() throws Exception {
        Gateway gateway = platform.gateway();
        try (ResearcherJourney journey = platform.journey();
                ResearcherJourney other = platform.journey()) {
            journey.register();
            journey.logIn();
            journey.createApiKey();
            other.register();
            other.logIn();
            other.createApiKey();
            assertThat(journey.uploadGenotypes().get("validationStatus")).isNotEqualTo("INVALID");
            Map<String, Object> validation = journey.readValidationReport();
            assertThat(validation.get("verdict")).isIn("VALID", "VALID_WITH_WARNINGS");
            assertThat(validation).containsEntry("sampleCount", 20);
            assertThat(journey.listServicesAndPanels().get("services")).contains("local-node");

            try (LiveStream othersLive = LiveStream.open(gateway, other.apiKey(), null)) {
                String jobId = journey.submitJob();
                List<LiveStream.Event> followed = journey.followLive(Duration.ofMinutes(4));
                assertThat(followed)
                        .extracting(LiveStream.Event::type)
                        .containsSubsequence("job.submitted", "job.queued", "job.completed");
                assertThat(followed).extracting(LiveStream.Event::id).isSorted();
                assertThat(followed)
                        .filteredOn(event -> event.type().startsWith("job."))
                        .allSatisfy(event -> assertThat(event.data()).contains(jobId));
                assertThat(othersLive.received())
                        .noneSatisfy(event -> assertThat(event.data()).contains(jobId));

                // A client that lost its connection after the first event gets the rest, once, through the gateway.
                try (LiveStream resumed = LiveStream.open(
                        gateway, journey.apiKey(), followed.getFirst().id())) {
                    assertThat(resumed.awaitEvent("job.completed", Duration.ofSeconds(30)))
                            .extracting(LiveStream.Event::id)
                            .containsExactlyElementsOf(followed.subList(1, followed.size()).stream()
                                    .map(LiveStream.Event::id)
                                    .toList());
                }
            }

            assertThat(journey.receiveCompletionMail(Duration.ofMinutes(1)).subject())
                    .contains("completed");
            ResultSummary results = journey.downloadResults();
            assertThat(results.files()).containsKeys("chr20.dose.vcf.gz", "chr20.dose.vcf.gz.tbi", "chr20.info.gz");
            assertThat(results.samples()).isEqualTo(20);
            assertThat(results.meanRsq()).isBetween(0.5, 1.0);
            assertImputedAgreesWithTheTruth(journey.genotypes(), results.dosages());
            assertThat(gateway.get("/api/v1/jobs/" + journey.jobId(), other.apiKey())
                            .statusCode())
                    .isEqualTo(404);

            Map<?, ?> monitored = journey.seeInMonitoring(Duration.ofMinutes(1));
            assertThat(((Number) monitored.get("completedLastHour")).longValue())
                    .isPositive();
        }
        everyDeployedQueryNamesAMetricTheServicesExpose();
    }

    /**
     * The Grafana dashboards and the alert rules query only series that the running services expose, once a job has
     * run through them (some series exist only after their first event).
     */
    private static void everyDeployedQueryNamesAMetricTheServicesExpose() {
        DeployedQueries deployed = DeployedQueries.ofRepository();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    Set<String> exposed = platform.scrapeEveryService()
                            .lines()
                            .filter(line -> !line.isBlank() && !line.startsWith("#"))
                            .map(line -> line.split("[{ ]", 2)[0])
                            .collect(Collectors.toSet());
                    assertThat(deployed.metricNames())
                            .allSatisfy(name -> assertThat(exposed)
                                    .as("%s, used by %s", name, deployed.usedBy(name))
                                    .contains(name));
                });
    }

    /** Every panel marker imputed, dosages in [0, 2], and the genotypes the array did not type mostly right. */
    private static void assertImputedAgreesWithTheTruth(SimulatedDataset data, Path imputed) {
        Map<Integer, VariantContext> truth = new HashMap<>();
        try (VCFFileReader reader = new VCFFileReader(data.truth(), false)) {
            reader.forEach(variant -> truth.put(variant.getStart(), variant));
        }
        Set<Integer> typed = new HashSet<>();
        try (VCFFileReader reader = new VCFFileReader(data.target(), false)) {
            reader.forEach(variant -> typed.add(variant.getStart()));
        }
        int compared = 0;
        int agreeing = 0;
        Set<Integer> seen = new HashSet<>();
        try (VCFFileReader reader = new VCFFileReader(imputed, false)) {
            for (VariantContext variant : reader) {
                seen.add(variant.getStart());
                VariantContext expected = truth.get(variant.getStart());
                for (Genotype genotype : variant.getGenotypes()) {
                    double dosage = Double.parseDouble(
                            genotype.getExtendedAttribute("DS").toString());
                    assertThat(dosage).isBetween(0.0, 2.0);
                    if (expected != null && !typed.contains(variant.getStart())) {
                        compared++;
                        if (alternates(expected.getGenotype(genotype.getSampleName())) == alternates(genotype)) {
                            agreeing++;
                        }
                    }
                }
            }
        }
        assertThat(seen).containsAll(truth.keySet());
        assertThat(compared).isPositive();
        assertThat((double) agreeing / compared).isGreaterThan(MIN_CONCORDANCE);
    }

    private static long alternates(Genotype genotype) {
        return genotype.getAlleles().stream()
                .filter(allele -> allele.isNonReference())
                .count();
    }
}
