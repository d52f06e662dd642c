package org.fedimpute.test.concurrency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs calls the way racing clients send them: each on a virtual thread of its own, all released at the same moment,
 * so that a test can show what a service does with requests that arrive together (two saves of one name, two admins
 * changing each other).
 */
public final class AtOnce {

    private AtOnce() {}

    /** Runs the calls released together and answers their results in the calls' order; a call's failure is thrown. */
    public static <T> List<T> run(List<? extends Callable<T>> calls) throws Exception {
        CyclicBarrier together = new CyclicBarrier(calls.size());
        List<Future<T>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Callable<T> call : calls) {
                running.add(threads.submit(() -> {
                    together.await();
                    return call.call();
                }));
            }
        }
        List<T> results = new ArrayList<>();
        for (Future<T> result : running) {
            results.add(result.get());
        }
        return results;
    }

    /** Runs the same call {@code count} times at once. */
    public static <T> List<T> times(int count, Callable<T> call) throws Exception {
        return run(Collections.nCopies(count, call));
    }
}
