package org.fedimpute.files.validation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs validations in the background on a fixed number of threads (validation is CPU-bound: more threads than cores
 * only slow every upload down), queueing the rest, and times each one in the {@code fedimpute.files.validation}
 * metric tagged with its verdict and format.
 */
@Component
public class ValidationRunner implements DisposableBean {

    static final String TIMER = "fedimpute.files.validation";

    private final GenotypeValidator validator;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor executor;

    public ValidationRunner(GenotypeValidator validator, ValidationProperties properties, MeterRegistry meters) {
        this.validator = validator;
        this.meters = meters;
        int threads = properties.effectiveConcurrency();
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "genotype-validation-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        meters.gauge(TIMER + ".queued", executor.getQueue(), java.util.Collection::size);
    }

    /**
     * Validates the file on a validation thread. The future fails with {@link java.io.UncheckedIOException} when the
     * file cannot be read, and is cancelled when the application stops first.
     */
    public CompletableFuture<ValidationReport> validate(Path file, ValidationRequest request) {
        Job job = new Job(file, request);
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            job.future.cancel(false);
        }
        return job.future;
    }

    /**
     * Validates a small file on the caller's thread (an upload answered only once its report is known), timed as the
     * queued validations are.
     */
    public ValidationReport validateNow(Path file, ValidationRequest request) {
        return timed(file, request);
    }

    /** Stops taking work, cancels what waits and interrupts running validations, whose futures then fail. */
    @Override
    public void destroy() {
        for (Runnable waiting : executor.shutdownNow()) {
            if (waiting instanceof Job job) {
                job.future.cancel(false);
            }
        }
    }

    private ValidationReport timed(Path file, ValidationRequest request) {
        Timer.Sample sample = Timer.start(meters);
        String verdict = "FAILED";
        String format = "UNKNOWN";
        try {
            ValidationReport report = validator.validate(file, request);
            verdict = report.verdict().name();
            format = report.format().name();
            return report;
        } finally {
            sample.stop(Timer.builder(TIMER)
                    .description("Time to validate one genotype file")
                    .tag("verdict", verdict)
                    .tag("format", format)
                    .register(meters));
        }
    }

    /** One queued validation and the future its caller holds. */
    private final class Job implements Runnable {

        private final Path file;
        private final ValidationRequest request;
        private final CompletableFuture<ValidationReport> future = new CompletableFuture<>();

        Job(Path file, ValidationRequest request) {
            this.file = file;
            this.request = request;
        }

        @Override
        public void run() {
            if (future.isDone()) {
                return;
            }
            try {
                future.complete(timed(file, request));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }
    }
}
