package io.ifastapi.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of {@link Server#stop()} every adapter shares: the first caller stops the server and then runs the app's
 * shutdown hooks, exactly once; any later or concurrent caller waits until that stop is over. A caller's interrupt
 * flag is cleared for the stop and restored after it, so that an interrupted thread (Ctrl-C in a test runner, a
 * shutdown hook) still lets in-flight requests finish within the grace period.
 */
public final class StopOnce {
    private static final Logger LOG = LoggerFactory.getLogger(StopOnce.class);

    private final Runnable afterStop;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** @param afterStop what runs once the server has stopped: the app's shutdown hooks */
    public StopOnce(Runnable afterStop) {
        this.afterStop = afterStop;
    }

    /**
     * Runs {@code shutdown} (the adapter's own graceful stop) if no one has yet, then {@code afterStop}; else waits
     * for the stop under way. A runtime exception from {@code shutdown} is logged, never thrown: a stop finishes.
     */
    public void stop(Runnable shutdown) {
        if (!stopping.compareAndSet(false, true)) {
            awaitUninterruptibly();
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            shutdown.run();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the server: {}", e.toString());
        } finally {
            try {
                afterStop.run();
            } finally {
                stopped.countDown();
                LOG.info("Server stopped");
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Blocks until a stop has finished, shutdown hooks included. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
