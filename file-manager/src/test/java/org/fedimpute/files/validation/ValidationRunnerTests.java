package org.fedimpute.files.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fedimpute.files.validation.ValidationReport.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Validations in the background: bounded, timed, failing and stopping cleanly. */
class ValidationRunnerTests {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ValidationRunner runner;

    @AfterEach
    void stop() {
        runner.destroy();
    }

    @Test
    void aValidationRunsInTheBackgroundAndIsTimed() {
        runner = new ValidationRunner(validator(), properties(2), meters);
        Path file = TestVcf.cleanHg19().bgzip(dir.resolve("a.vcf.gz"));

        ValidationReport report = runner.validate(file, new ValidationRequest(GenomeBuild.HG19, null))
                .join();

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(meters.get(ValidationRunner.TIMER)
                        .tag("verdict", "VALID")
                        .tag("format", "VCF_BGZIP")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aFileThatCannotBeReadFailsTheFuture() {
        runner = new ValidationRunner(validator(), properties(1), meters);

        CompletableFuture<ValidationReport> future = runner.validate(dir.resolve("missing.vcf.gz"), null);

        assertThat(future)
                .failsWithin(java.time.Duration.ofMinutes(1))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(UncheckedIOException.class);
        assertThat(meters.get(ValidationRunner.TIMER)
                        .tag("verdict", "FAILED")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void noMoreThanTheConfiguredNumberRunAtOnce() throws InterruptedException {
        HeldValidator held = new HeldValidator();
        runner = new ValidationRunner(held, properties(2), meters);
        Path file = TestVcf.cleanHg19().bgzip(dir.resolve("a.vcf.gz"));

        List<CompletableFuture<ValidationReport>> futures =
                IntStream.range(0, 5).mapToObj(i -> runner.validate(file, null)).toList();
        assertThat(held.started.tryAcquire(2, 1, TimeUnit.MINUTES)).isTrue();

        assertThat(held.running.get()).isEqualTo(2);
        assertThat(meters.get(ValidationRunner.TIMER + ".queued").gauge().value())
                .isEqualTo(3);
        held.release.release(5);
        futures.forEach(CompletableFuture::join);
        assertThat(held.mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void stoppingCancelsWhatWaitsAndFailsWhatRuns() throws InterruptedException {
        HeldValidator held = new HeldValidator();
        runner = new ValidationRunner(held, properties(1), meters);
        Path file = TestVcf.cleanHg19().bgzip(dir.resolve("a.vcf.gz"));
        CompletableFuture<ValidationReport> running = runner.validate(file, null);
        CompletableFuture<ValidationReport> waiting = runner.validate(file, null);
        assertThat(held.started.tryAcquire(1, 1, TimeUnit.MINUTES)).isTrue();

        runner.destroy();

        assertThat(waiting).isCancelled();
        assertThat(running).failsWithin(java.time.Duration.ofMinutes(1));
        assertThat(runner.validate(file, null)).isCancelled();
    }

    private static GenotypeValidator validator() {
        return new GenotypeValidator(ValidationProperties.defaults());
    }

    private static ValidationProperties properties(int concurrency) {
        return new ValidationProperties(concurrency, 10, 10, 0.5, 0.1, DataSize.ofMegabytes(64));
    }

    /** A validator that holds every validation until released, counting how many are held at once. */
    private static final class HeldValidator extends GenotypeValidator {

        final Semaphore started = new Semaphore(0);
        final Semaphore release = new Semaphore(0);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        HeldValidator() {
            super(ValidationProperties.defaults());
        }

        @Override
        public ValidationReport validate(Path file, ValidationRequest request) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.release();
            try {
                release.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            } finally {
                running.decrementAndGet();
            }
            return super.validate(file, request);
        }
    }
}
