package org.fedimpute.node.panels;

import htsjdk.variant.vcf.VCFFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The node's reference panels, checked once at startup (files exist, build known, site lists readable) so that a
 * misconfigured panel is reported in the log and to researchers instead of failing runs later.
 */
@Component
@EnableConfigurationProperties(PanelProperties.class)
public class ReferencePanels {

    private static final Logger log = LoggerFactory.getLogger(ReferencePanels.class);

    private final List<ReferencePanel> panels;

    public ReferencePanels(PanelProperties properties) {
        List<ReferencePanel> checked = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int index = 0; index < properties.panels().size(); index++) {
            ReferencePanel panel = check(properties.panels().get(index), index, ids);
            panel.problems()
                    .forEach(problem -> log.warn("Reference panel '{}' cannot be used: {}", panel.id(), problem));
            checked.add(panel);
        }
        if (checked.isEmpty()) {
            log.warn("No reference panels are configured (fedimpute.node.panels): this node cannot impute");
        }
        this.panels = List.copyOf(checked);
    }

    /** Every configured panel, usable or not, in configured order. */
    public List<ReferencePanel> all() {
        return panels;
    }

    public Optional<ReferencePanel> find(String id) {
        return panels.stream().filter(panel -> panel.id().equals(id)).findFirst();
    }

    private static ReferencePanel check(PanelProperties.Panel configured, int index, Set<String> ids) {
        List<String> problems = new ArrayList<>();
        String id = configured.id() == null || configured.id().isBlank() ? "panels[" + index + "]" : configured.id();
        if (configured.id() == null || configured.id().isBlank()) {
            problems.add("fedimpute.node.panels[" + index + "] has no id");
        } else if (!ids.add(id)) {
            problems.add("another panel already has the id '" + id + "'");
        }
        GenomeBuild build = null;
        if (configured.build() == null || configured.build().isBlank()) {
            problems.add("no build is configured; give " + GenomeBuild.known());
        } else {
            build = GenomeBuild.named(configured.build()).orElse(null);
            if (build == null) {
                problems.add("its build '" + configured.build() + "' is not " + GenomeBuild.known());
            }
        }
        if (configured.chromosomes().isEmpty()) {
            problems.add("no chromosomes are configured");
        }
        List<ReferencePanel.Chromosome> chromosomes = new ArrayList<>();
        for (PanelProperties.Chromosome chromosome : configured.chromosomes()) {
            checkChromosome(chromosome, problems).ifPresent(chromosomes::add);
        }
        int haplotypes = chromosomes.stream()
                .flatMap(chromosome -> chromosome.sites().stream())
                .findFirst()
                .map(ReferencePanels::haplotypes)
                .orElse(0);
        String displayName =
                configured.displayName() == null || configured.displayName().isBlank() ? id : configured.displayName();
        return new ReferencePanel(id, displayName, build, configured.populations(), chromosomes, haplotypes, problems);
    }

    private static Optional<ReferencePanel.Chromosome> checkChromosome(
            PanelProperties.Chromosome chromosome, List<String> problems) {
        if (chromosome.chromosome() == null || chromosome.chromosome().isBlank()) {
            problems.add("a chromosome entry has no 'chromosome' name");
            return Optional.empty();
        }
        String name = chromosome.chromosome().strip();
        int problemsBefore = problems.size();
        requireFile(name, "reference", chromosome.reference(), problems);
        requireFile(name, "genetic-map", chromosome.geneticMap(), problems);
        Path sites = chromosome.sites();
        if (sites != null) {
            requireFile(name, "sites", sites, problems);
        } else if (chromosome.reference() != null && isVcf(chromosome.reference())) {
            sites = chromosome.reference();
        }
        if (problems.size() > problemsBefore) {
            return Optional.empty();
        }
        if (sites != null) {
            try (VCFFileReader reader = new VCFFileReader(sites, false)) {
                reader.getHeader();
            } catch (RuntimeException e) {
                String unreadable = "chromosome " + name + ": the sites file " + sites
                        + " is not a VCF htsjdk can read (" + e.getMessage() + ")";
                if (chromosome.sites() != null) {
                    problems.add(unreadable);
                    return Optional.empty();
                }
                // The engine may still read the reference: only the input check's overlap count is lost.
                log.warn("{}; inputs will not be checked for overlap with it", unreadable);
                sites = null;
            }
        }
        return Optional.of(new ReferencePanel.Chromosome(
                name, chromosome.reference(), Optional.ofNullable(sites), chromosome.geneticMap()));
    }

    private static void requireFile(String chromosome, String property, Path file, List<String> problems) {
        if (file == null) {
            problems.add("chromosome " + chromosome + ": no '" + property + "' file is configured");
        } else if (!Files.isRegularFile(file)) {
            problems.add("chromosome " + chromosome + ": the " + property + " file " + file.toAbsolutePath()
                    + " does not exist");
        } else if (!Files.isReadable(file)) {
            problems.add("chromosome " + chromosome + ": the " + property + " file " + file.toAbsolutePath()
                    + " cannot be read by the node");
        }
    }

    private static boolean isVcf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".vcf") || name.endsWith(".vcf.gz");
    }

    private static int haplotypes(Path sites) {
        try (VCFFileReader reader = new VCFFileReader(sites, false)) {
            return 2 * reader.getHeader().getNGenotypeSamples();
        }
    }
}
