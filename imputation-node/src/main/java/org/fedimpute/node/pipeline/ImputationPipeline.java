package org.fedimpute.node.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.fedimpute.node.engine.ImputationEngine;
import org.fedimpute.node.engine.ImputationEngine.ChromosomeImputation;
import org.fedimpute.node.engine.ImputationEngine.Installation;
import org.fedimpute.node.panels.GenomeBuild;
import org.fedimpute.node.panels.ReferencePanel;
import org.fedimpute.node.panels.ReferencePanels;
import org.fedimpute.node.pipeline.InputCheck.ChromosomeInput;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The node's imputation as the WES API runs it: {@code check input}, then {@code impute <chrom>} per chromosome in
 * parallel with the engine, then {@code write outputs}; each step recorded, every engine process cancellable.
 */
@Component
@EnableConfigurationProperties(PipelineProperties.class)
public class ImputationPipeline implements ImputationWorkflow {

    /**
     * Population names that ask for the whole panel rather than a part of it: the platform's {@code mixed} (what
     * job-processor sends when the researcher chose none) and Michigan's {@code all} and {@code off}.
     */
    private static final Set<String> WHOLE_PANEL = Set.of("mixed", "all", "off");

    private static final int STANDARD_ERROR_TAIL = 200;

    private final Map<String, ImputationEngine> engines = new LinkedHashMap<>();
    private final ReferencePanels panels;
    private final int threads;
    private final List<String> priority;
    private final InputCheck inputCheck;

    ImputationPipeline(List<ImputationEngine> engines, ReferencePanels panels, PipelineProperties properties) {
        engines.forEach(engine -> this.engines.put(engine.name(), engine));
        this.panels = panels;
        this.threads = properties.effectiveThreads();
        this.priority = properties.engineNiceness() == 0
                ? List.of()
                : List.of("nice", "-n", Integer.toString(properties.engineNiceness()));
        this.inputCheck = new InputCheck(properties.minPanelOverlap());
    }

    @Override
    public List<EngineDescription> engines() {
        return engines.values().stream()
                .flatMap(engine -> engine.installation() instanceof Installation.Installed installed
                        ? Stream.of(new EngineDescription(engine.name(), installed.version()))
                        : Stream.empty())
                .toList();
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!engines().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(engines.values().stream()
                .map(engine -> engine.installation() instanceof Installation.NotInstalled missing
                        ? missing.reason()
                        : engine.name() + " is not installed.")
                .reduce((first, second) -> first + " " + second)
                .orElse("No imputation engine is configured on this node."));
    }

    @Override
    public List<PanelDescription> panels() {
        return panels.all().stream()
                .filter(ReferencePanel::usable)
                .map(panel -> new PanelDescription(
                        panel.id(),
                        panel.displayName(),
                        panel.build().id(),
                        panel.populations(),
                        panel.chromosomeNames(),
                        panel.haplotypes()))
                .toList();
    }

    @Override
    public List<String> configurationProblems() {
        List<String> problems = new ArrayList<>();
        for (ReferencePanel panel : panels.all()) {
            panel.problems().forEach(problem -> problems.add("Panel '" + panel.id() + "': " + problem));
            if (panel.usable()) {
                engines.values()
                        .forEach(engine -> referenceProblem(engine, panel)
                                .ifPresent(problem -> problems.add(
                                        "Panel '" + panel.id() + "' with " + engine.name() + ": " + problem)));
            }
        }
        return problems;
    }

    @Override
    public Optional<String> refusal(ImputationRequest request) {
        ImputationEngine engine = engines.get(request.engine());
        if (engine == null) {
            return Optional.of("This node has no engine '" + request.engine() + "'; it runs: "
                    + String.join(", ", engines.keySet()) + ".");
        }
        if (engine.installation() instanceof Installation.NotInstalled missing) {
            return Optional.of(missing.reason());
        }
        Optional<ReferencePanel> found = panels.find(request.panel());
        if (found.isEmpty()) {
            List<String> offered = panels().stream()
                    .map(panel -> panel.id() + " (" + panel.build() + ")")
                    .toList();
            return Optional.of("This node has no reference panel '" + request.panel() + "'; "
                    + (offered.isEmpty() ? "it offers none." : "it offers: " + String.join(", ", offered) + "."));
        }
        ReferencePanel panel = found.get();
        if (!panel.usable()) {
            return Optional.of("Panel '" + panel.id() + "' is configured on this node but cannot be used ("
                    + String.join("; ", panel.problems()) + "); ask the node's operators.");
        }
        Optional<GenomeBuild> build = GenomeBuild.named(request.build());
        if (build.isEmpty()) {
            return Optional.of("'" + request.build() + "' is not a genome build this node knows: use "
                    + GenomeBuild.known() + ".");
        }
        if (build.get() != panel.build()) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "Panel %s is on %s but your data is on %s: choose a panel on %s%s, or lift your data over to %s.",
                    panel.id(),
                    panel.build().id(),
                    build.get().id(),
                    build.get().id(),
                    panelsOn(build.get()),
                    panel.build().id()));
        }
        String population = request.population();
        if (population != null
                && !population.isBlank()
                && !WHOLE_PANEL.contains(population.strip().toLowerCase(Locale.ROOT))
                && panel.populations().stream().noneMatch(population.strip()::equalsIgnoreCase)) {
            return Optional.of("Panel " + panel.id() + " has no population '" + population + "'; "
                    + (panel.populations().isEmpty()
                            ? "it names none, so leave the population out to use the whole panel."
                            : "it covers: " + String.join(", ", panel.populations()) + "."));
        }
        return referenceProblem(engine, panel)
                .map(problem -> "Panel " + panel.id() + " cannot be used with " + engine.name() + ": " + problem);
    }

    @Override
    public PipelineOutcome run(ImputationRequest request, Path workDir, StepLog steps, RunControl control) {
        Optional<String> refused = refusal(request);
        if (refused.isPresent()) {
            return new PipelineOutcome.Failed(refused.get());
        }
        ImputationEngine engine = engines.get(request.engine());
        ReferencePanel panel = panels.find(request.panel()).orElseThrow();
        RunSteps run = new RunSteps(steps);
        try {
            InputCheck.Result checked = checkInput(request, workDir, panel, run, control);
            if (control.isCancelled()) {
                return new PipelineOutcome.Cancelled();
            }
            if (checked instanceof InputCheck.Result.Rejected rejected) {
                return new PipelineOutcome.Failed(rejected.reason());
            }
            List<ChromosomeInput> chromosomes = ((InputCheck.Result.Passed) checked).chromosomes();
            List<Imputation> imputations = imputeAll(engine, chromosomes, workDir, run, control);
            if (control.isCancelled()) {
                return new PipelineOutcome.Cancelled();
            }
            Optional<String> failure = imputations.stream()
                    .flatMap(imputation -> imputation instanceof Imputation.EngineFailed failed
                            ? Stream.of(failed.reason())
                            : Stream.empty())
                    .findFirst();
            if (failure.isPresent()) {
                return new PipelineOutcome.Failed(failure.get());
            }
            return writeOutputs(imputations, workDir, request.r2Filter(), run, control);
        } catch (InputCheck.Cancelled e) {
            return new PipelineOutcome.Cancelled();
        } catch (IOException e) {
            return new PipelineOutcome.Failed(
                    "The node could not write to the run's working directory: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PipelineOutcome.Failed("The node stopped while the run was under way.");
        }
    }

    private InputCheck.Result checkInput(
            ImputationRequest request, Path workDir, ReferencePanel panel, RunSteps run, RunControl control)
            throws IOException {
        List<Path> inputs = request.inputs().stream().map(workDir::resolve).toList();
        List<String> command = new ArrayList<>(List.of("check-input", "--panel", panel.id()));
        inputs.forEach(input -> command.add(input.getFileName().toString()));
        StepLog.Step step = run.begin("check input", command);
        InputCheck.Result result;
        try (PrintWriter summary = new PrintWriter(Files.newBufferedWriter(step.stdout(), StandardCharsets.UTF_8))) {
            result = inputCheck.check(inputs, panel, summary, control);
        } catch (InputCheck.Cancelled e) {
            run.end(step, 1);
            throw e;
        }
        if (result instanceof InputCheck.Result.Rejected rejected) {
            Files.writeString(step.stderr(), rejected.reason() + "\n", StandardCharsets.UTF_8);
            run.end(step, 1);
        } else {
            run.end(step, 0);
        }
        return result;
    }

    /** Imputes the chromosomes, up to {@code threads} at once, sharing the threads among them. */
    private List<Imputation> imputeAll(
            ImputationEngine engine, List<ChromosomeInput> chromosomes, Path workDir, RunSteps run, RunControl control)
            throws IOException, InterruptedException {
        int parallel = Math.min(chromosomes.size(), threads);
        RunControl siblings = new RunControl();
        List<Future<Imputation>> futures = new ArrayList<>();
        try (ExecutorService executor =
                Executors.newFixedThreadPool(parallel, Thread.ofVirtual().factory())) {
            for (int index = 0; index < chromosomes.size(); index++) {
                ChromosomeInput chromosome = chromosomes.get(index);
                int chromosomeThreads = threads / parallel + (index < threads % parallel ? 1 : 0);
                futures.add(executor.submit(
                        () -> impute(engine, chromosome, chromosomeThreads, workDir, run, control, siblings)));
            }
            List<Imputation> imputations = new ArrayList<>();
            for (Future<Imputation> future : futures) {
                imputations.add(future.get());
            }
            return imputations;
        } catch (InterruptedException e) {
            siblings.cancel();
            throw e;
        } catch (ExecutionException e) {
            siblings.cancel();
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Imputing a chromosome failed unexpectedly", e.getCause());
        }
    }

    /**
     * Runs the engine on one chromosome; a failure cancels {@code siblings} so the other chromosomes stop too, since
     * the run has failed.
     */
    private Imputation impute(
            ImputationEngine engine,
            ChromosomeInput chromosome,
            int chromosomeThreads,
            Path workDir,
            RunSteps run,
            RunControl control,
            RunControl siblings)
            throws IOException, InterruptedException {
        if (control.isCancelled() || siblings.isCancelled()) {
            return new Imputation.Stopped();
        }
        Path prefix = workDir.resolve("impute").resolve(chromosome.chromosome());
        Files.createDirectories(prefix.getParent());
        List<String> command = new ArrayList<>(priority);
        command.addAll(engine.command(new ChromosomeImputation(
                chromosome.chromosome(),
                chromosome.file(),
                chromosome.panel().reference(),
                chromosome.panel().geneticMap(),
                prefix,
                chromosomeThreads)));
        StepLog.Step step = run.begin("impute " + chromosome.chromosome(), command);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(step.stdout().toFile())
                    .redirectError(step.stderr().toFile())
                    .start();
        } catch (IOException e) {
            Files.writeString(step.stderr(), e.getMessage() + "\n", StandardCharsets.UTF_8);
            run.end(step, 127);
            siblings.cancel();
            return new Imputation.EngineFailed(engine.name() + " could not be started: " + e.getMessage());
        }
        siblings.track(control.track(process));
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            siblings.cancel();
            run.end(step, 130);
            throw e;
        }
        run.end(step, exitCode);
        if (control.isCancelled() || (exitCode != 0 && siblings.isCancelled())) {
            return new Imputation.Stopped();
        }
        if (exitCode != 0) {
            siblings.cancel();
            return new Imputation.EngineFailed(engine.failure(standardErrorTail(step.stderr()), exitCode));
        }
        Path vcf = engine.imputedVcf(prefix);
        if (!Files.isRegularFile(vcf)) {
            siblings.cancel();
            return new Imputation.EngineFailed(engine.name() + " finished for " + chromosome.chromosome()
                    + " without writing " + vcf.getFileName() + ".");
        }
        return new Imputation.Imputed(chromosome.chromosome(), vcf);
    }

    /** Writes every chromosome's outputs, as many at once as chromosomes were imputed at once. */
    private PipelineOutcome writeOutputs(
            List<Imputation> imputations, Path workDir, double r2Filter, RunSteps run, RunControl control)
            throws IOException, InterruptedException {
        List<Imputation.Imputed> imputed =
                imputations.stream().map(Imputation.Imputed.class::cast).toList();
        List<String> command = new ArrayList<>(List.of("write-outputs", "--r2-filter", Double.toString(r2Filter)));
        imputed.forEach(chromosome -> command.add(chromosome.chromosome()));
        StepLog.Step step = run.begin("write outputs", command);
        Path outputDirectory = workDir.resolve("output");
        List<ImputedOutputs.Written> written = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(
                Math.min(imputed.size(), threads), Thread.ofVirtual().factory())) {
            List<Future<ImputedOutputs.Written>> futures = imputed.stream()
                    .map(chromosome -> executor.submit(() ->
                            ImputedOutputs.write(chromosome.chromosome(), chromosome.vcf(), outputDirectory, r2Filter)))
                    .toList();
            for (Future<ImputedOutputs.Written> future : futures) {
                written.add(future.get());
            }
        } catch (ExecutionException e) {
            String reason = String.valueOf(e.getCause().getMessage());
            Files.writeString(step.stderr(), reason + "\n", StandardCharsets.UTF_8);
            run.end(step, 1);
            return new PipelineOutcome.Failed("The node could not write the imputed files: " + reason);
        } catch (InterruptedException e) {
            run.end(step, 130);
            throw e;
        }
        try (PrintWriter summary = new PrintWriter(Files.newBufferedWriter(step.stdout(), StandardCharsets.UTF_8))) {
            written.forEach(files -> summary.printf(
                    Locale.ROOT,
                    "%s: %d variants, %d imputed variants with R2 below %s left out%n",
                    files.vcf().getFileName(),
                    files.variants(),
                    files.filtered(),
                    r2Filter));
        }
        run.end(step, 0);
        if (control.isCancelled()) {
            return new PipelineOutcome.Cancelled();
        }
        return new PipelineOutcome.Completed(Map.of(
                "imputed_vcf", written.stream().map(ImputedOutputs.Written::vcf).toList(),
                "imputed_vcf_index",
                        written.stream().map(ImputedOutputs.Written::index).toList(),
                "info", written.stream().map(ImputedOutputs.Written::info).toList()));
    }

    private Optional<String> referenceProblem(ImputationEngine engine, ReferencePanel panel) {
        return panel.chromosomes().stream()
                .flatMap(chromosome -> engine.referenceProblem(chromosome.reference()).stream())
                .findFirst();
    }

    private String panelsOn(GenomeBuild build) {
        List<String> ids = panels().stream()
                .filter(panel -> panel.build().equals(build.id()))
                .map(PanelDescription::id)
                .toList();
        return ids.isEmpty() ? "" : " (this node has " + String.join(", ", ids) + ")";
    }

    private static List<String> standardErrorTail(Path standardError) throws IOException {
        List<String> lines = Files.readAllLines(standardError, StandardCharsets.ISO_8859_1);
        return lines.subList(Math.max(0, lines.size() - STANDARD_ERROR_TAIL), lines.size());
    }

    /** How one chromosome's imputation ended. */
    private sealed interface Imputation {

        record Imputed(String chromosome, Path vcf) implements Imputation {}

        record EngineFailed(String reason) implements Imputation {}

        /** Cancelled, or stopped because another chromosome failed. */
        record Stopped() implements Imputation {}
    }

    /** The run's step log, used from the chromosomes' threads one call at a time. */
    private record RunSteps(StepLog steps) {

        StepLog.Step begin(String name, List<String> command) {
            synchronized (steps) {
                return steps.begin(name, List.copyOf(command));
            }
        }

        void end(StepLog.Step step, int exitCode) {
            synchronized (steps) {
                step.end(exitCode);
            }
        }
    }
}
