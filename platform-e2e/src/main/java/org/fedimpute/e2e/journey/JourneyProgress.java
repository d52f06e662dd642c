package org.fedimpute.e2e.journey;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Prints the journey as it goes, one line per step with what the step saw, and turns a step that failed into a
 * {@link StepFailed} naming it and saying why.
 */
public final class JourneyProgress {

    /** A step of the journey that did not succeed, with the reason. */
    public static final class StepFailed extends RuntimeException {

        private final String step;

        StepFailed(String step, Throwable cause) {
            super(step + ": " + reasonOf(cause), cause);
            this.step = step;
        }

        public String step() {
            return step;
        }
    }

    private final PrintStream out;
    private final int steps;
    private int done;

    public JourneyProgress(PrintStream out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    /** Runs one step, printing what it saw, or why it failed before rethrowing that as {@link StepFailed}. */
    public <T> T step(String title, Callable<T> step, Function<T, String> seen) {
        long started = System.nanoTime();
        String counter = "[" + (++done) + "/" + steps + "] ";
        try {
            T result = step.call();
            out.printf("%s✓ %-28s %s (%.1f s)%n", counter, title, seen.apply(result), seconds(started));
            return result;
        } catch (Exception e) {
            out.printf("%s✗ %-28s FAILED after %.1f s: %s%n", counter, title, seconds(started), reasonOf(e));
            throw new StepFailed(title, e);
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String reasonOf(Throwable cause) {
        return cause instanceof JourneyFailure ? cause.getMessage() : cause.toString();
    }
}
