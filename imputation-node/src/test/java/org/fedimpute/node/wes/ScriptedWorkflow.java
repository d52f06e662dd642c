package org.fedimpute.node.wes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fedimpute.node.pipeline.ImputationRequest;
import org.fedimpute.node.pipeline.ImputationWorkflow;
import org.fedimpute.node.pipeline.PipelineOutcome;
import org.fedimpute.node.pipeline.RunControl;
import org.fedimpute.node.pipeline.StepLog;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/**
 * An imputation workflow for testing the WES API's mechanics with real processes: the panel a run names scripts it.
 * {@code demo} copies the input to an output in two quick steps, {@code slow} sleeps in a process until cancelled,
 * {@code broken} fails as a bad input does, {@code explode} throws. Imported by tests, never scanned.
 */
@TestComponent
@Primary
public class ScriptedWorkflow implements ImputationWorkflow {

    public static final String DEMO = "demo";
    public static final String SLOW = "slow";
    public static final String BROKEN = "broken";
    public static final String EXPLODE = "explode";
    public static final String BROKEN_REASON = "The input is not a VCF: its first line is not ##fileformat=VCF.";

    private static final Map<Path, Process> SLEEPERS = new ConcurrentHashMap<>();
    private static final List<String> PANELS = List.of(DEMO, SLOW, BROKEN, EXPLODE);

    private volatile boolean engineInstalled = true;

    /** The sleeping process of a {@code slow} run, by its working directory, once it started. */
    public static Optional<Process> sleeper(Path workDir) {
        return Optional.ofNullable(SLEEPERS.get(workDir));
    }

    public void engineInstalled(boolean installed) {
        this.engineInstalled = installed;
    }

    @Override
    public List<EngineDescription> engines() {
        return engineInstalled ? List.of(new EngineDescription("beagle", "5.4-scripted")) : List.of();
    }

    @Override
    public Optional<String> unavailableReason() {
        return engineInstalled
                ? Optional.empty()
                : Optional.of("No imputation engine is installed on this node: install Beagle 5.4.");
    }

    @Override
    public List<PanelDescription> panels() {
        return PANELS.stream()
                .map(id -> new PanelDescription(id, "Scripted " + id, "hg38", List.of("EUR"), List.of("chr20"), 10))
                .toList();
    }

    @Override
    public Optional<String> refusal(ImputationRequest request) {
        if (!engineInstalled) {
            return unavailableReason();
        }
        if (!request.engine().equals("beagle")) {
            return Optional.of("The engine " + request.engine() + " is not installed on this node.");
        }
        if (!PANELS.contains(request.panel())) {
            return Optional.of("This node has no reference panel " + request.panel() + ".");
        }
        if (!request.build().equals("hg38")) {
            return Optional.of("The panel " + request.panel() + " is on hg38, not " + request.build() + ".");
        }
        return Optional.empty();
    }

    @Override
    public PipelineOutcome run(ImputationRequest request, Path workDir, StepLog steps, RunControl control) {
        List<String> inputs = request.inputs().stream().map(Path::toString).toList();
        List<String> count = new ArrayList<>(List.of("sh", "-c", "cat \"$@\" | wc -c", "count"));
        count.addAll(inputs);
        if (step(steps, "check input", count, control, null) != 0) {
            return new PipelineOutcome.Failed("The input could not be read.");
        }
        return switch (request.panel()) {
            case DEMO -> impute(steps, workDir, inputs, control);
            case SLOW -> {
                step(steps, "impute chr20", List.of("sleep", "300"), control, workDir);
                yield control.isCancelled()
                        ? new PipelineOutcome.Cancelled()
                        : new PipelineOutcome.Failed("The sleeper was killed.");
            }
            case BROKEN -> {
                step(
                        steps,
                        "impute chr20",
                        List.of("sh", "-c", "echo '" + BROKEN_REASON + "' >&2; exit 3"),
                        control,
                        null);
                yield new PipelineOutcome.Failed(BROKEN_REASON);
            }
            default -> throw new IllegalStateException("scripted failure");
        };
    }

    private static PipelineOutcome impute(StepLog steps, Path workDir, List<String> inputs, RunControl control) {
        Path out = workDir.resolve("out");
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path vcf = out.resolve("chr20.imputed.vcf.gz");
        Path info = out.resolve("chr20.info");
        List<String> command = new ArrayList<>(List.of(
                "sh",
                "-c",
                "out=$1; info=$2; shift 2; cat \"$@\" > \"$out\"; echo 'chr20 R2 0.9' > \"$info\";"
                        + " echo imputed; echo 'a warning' >&2",
                "impute",
                vcf.toString(),
                info.toString()));
        command.addAll(inputs);
        if (step(steps, "impute chr20", command, control, null) != 0) {
            return new PipelineOutcome.Failed("Imputing chr20 failed.");
        }
        return new PipelineOutcome.Completed(Map.of("imputed_vcf", List.of(vcf), "info", List.of(info)));
    }

    /** Runs a command as a step, its output in the step's logs; a sleeper is kept by {@code sleeperOf}. */
    private static int step(StepLog steps, String name, List<String> command, RunControl control, Path sleeperOf) {
        StepLog.Step step = steps.begin(name, command);
        try {
            Process process = control.track(new ProcessBuilder(command)
                    .redirectOutput(step.stdout().toFile())
                    .redirectError(step.stderr().toFile())
                    .start());
            if (sleeperOf != null) {
                SLEEPERS.put(sleeperOf, process);
            }
            int exit = process.waitFor();
            step.end(exit);
            return exit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
