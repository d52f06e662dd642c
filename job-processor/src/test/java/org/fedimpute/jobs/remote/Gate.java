package org.fedimpute.jobs.remote;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock extension that holds the answers of the stubs using it until the test opens the gate, so a test can
 * keep calls in flight for as long as it needs without timing anything.
 */
public final class Gate implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "gate";

    private final Semaphore arrived = new Semaphore(0);
    private final AtomicInteger arrivals = new AtomicInteger();
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        arrivals.incrementAndGet();
        arrived.release();
        try {
            open.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return serveEvent.getResponseDefinition();
    }

    /** Waits until this many requests are held at the gate. */
    public void awaitArrivals(int count) throws InterruptedException {
        if (!arrived.tryAcquire(count, 30, TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + count + " requests reached the gate");
        }
    }

    /** How many requests have reached the gate so far. */
    public int arrivals() {
        return arrivals.get();
    }

    public void open() {
        open.countDown();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
